using System.ComponentModel.DataAnnotations;

namespace Commerce.Workers.Retention;

/// <summary>
/// The seed's retention table for what lives in PostgreSQL. Bound from <c>Retention</c>.
/// (Carts expire in Redis on their own; see the cart store.)
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Shipping tracking details are removed from orders this long after the order.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan TrackingDetails { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Order records (with their lines, timeline, saga state, reservations) are deleted this long after the order.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "7300.00:00:00")]
    public TimeSpan OrderRecords { get; set; } = TimeSpan.FromDays(7 * 365 + 2);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
}
