namespace Commerce.Persistence.Orders;

/// <summary>
/// An accepted order as clients see it. Written by the Api at checkout; its status, timeline and
/// shipment are written by the saga in each step's transaction (<c>OrderStatusRecorder</c>).
/// </summary>
public class Order
{
    public Guid Id { get; set; }

    /// <summary>Assigned by the database when the order is inserted; shown as <see cref="OrderNumbers.Format"/>.</summary>
    public long Number { get; set; }

    public Guid CustomerId { get; set; }

    public required string CustomerEmail { get; set; }

    public required string CustomerName { get; set; }

    /// <summary>The client's Idempotency-Key and a hash of the request it came with.</summary>
    public required string IdempotencyKey { get; set; }

    public required string RequestHash { get; set; }

    public string Status { get; set; } = OrderStatus.Submitted;

    /// <summary>The saga's version of <see cref="Status"/>: an older event never overwrites a newer one.</summary>
    public int StatusVersion { get; set; }

    public decimal Total { get; set; }

    public string Currency { get; set; } = "USD";

    public required string PaymentMethod { get; set; }

    public required ShippingAddress ShippingAddress { get; set; }

    public string? FailureReason { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>When tracking details were removed under the retention policy.</summary>
    public DateTimeOffset? TrackingRemovedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public List<OrderTimelineEntry> Timeline { get; set; } = [];
}
