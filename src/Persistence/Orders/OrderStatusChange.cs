namespace Commerce.Persistence.Orders;

/// <summary>
/// One status change of an order, as the saga records it in its own transaction.
/// <see cref="Version"/> is the saga's, increased with each change of one order.
/// </summary>
public sealed record OrderStatusChange(Guid OrderId, int Version, string Status, string? Detail, DateTimeOffset At)
{
    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }
}
