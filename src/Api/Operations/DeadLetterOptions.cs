using System.ComponentModel.DataAnnotations;
using Commerce.Operations.DeadLetters;

namespace Commerce.Api.Operations;

/// <summary>Bound from <c>DeadLetters</c>: how the admin API's retries run.</summary>
internal sealed class DeadLetterOptions
{
    public const string SectionName = "DeadLetters";

    /// <summary>Messages a second a retry moves back to its queue (the CLI's <c>--rate</c> default is the same).</summary>
    [Range(0.1, 10_000)]
    public double RetryRatePerSecond { get; set; } = DeadLetterRunOptions.DefaultRetryRatePerSecond;
}
