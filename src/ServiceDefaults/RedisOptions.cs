using System.ComponentModel.DataAnnotations;

namespace Commerce.ServiceDefaults;

/// <summary>Bound from <c>Redis</c> (env: <c>Redis__Configuration</c>), a StackExchange.Redis configuration string.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    [Required]
    public string Configuration { get; set; } = string.Empty;
}
