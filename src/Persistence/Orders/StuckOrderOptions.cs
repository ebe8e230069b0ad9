using System.ComponentModel.DataAnnotations;

namespace Commerce.Persistence.Orders;

/// <summary>When an order counts as stuck, and how often the Workers count them. Bound from <c>StuckOrders</c>.</summary>
public sealed class StuckOrderOptions
{
    public const string SectionName = "StuckOrders";

    /// <summary>No status change for this long in a non-terminal saga state: stuck.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Threshold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the Workers count stuck orders for the <c>commerce.orders.stuck</c> gauge.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(1);
}
