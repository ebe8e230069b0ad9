using System.ComponentModel.DataAnnotations;

namespace Commerce.Api.Ordering;

/// <summary>Bound from <c>OrderStreams</c>: the bounds of the live status streams (<c>GET /orders/{id}/events</c>).</summary>
internal sealed class OrderStreamOptions : IValidatableObject
{
    public const string SectionName = "OrderStreams";

    /// <summary>Open streams one user may hold on this Api instance; one more is 429.</summary>
    [Range(1, 100)]
    public int MaxPerUser { get; set; } = 5;

    /// <summary>Open streams on this Api instance, all users together; one more is 429.</summary>
    [Range(1, 100_000)]
    public int MaxTotal { get; set; } = 1000;

    /// <summary>How often an idle stream sends a comment line, so proxies and clients see it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one stream stays open at most (the client reconnects); it also ends when the access token expires.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("OrderStreams:HeartbeatInterval must be more than 0 and at most 5 minutes", [nameof(HeartbeatInterval)]);
        }

        if (MaxLifetime <= TimeSpan.Zero || MaxLifetime > TimeSpan.FromHours(24))
        {
            yield return new ValidationResult("OrderStreams:MaxLifetime must be more than 0 and at most 24 hours", [nameof(MaxLifetime)]);
        }
    }
}
