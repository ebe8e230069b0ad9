using System.ComponentModel.DataAnnotations;

namespace Commerce.Api.Ordering;

/// <summary>Bound from <c>Warehouse</c>: the webhook's shared secrets (two during a rotation).</summary>
internal sealed class WarehouseWebhookOptions
{
    public const string SectionName = "Warehouse";

    [Required, MinLength(1), MaxLength(2)]
    public string[] WebhookSecrets { get; set; } = [];

    /// <summary>How far a signature's timestamp may be from now.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(300);
}
