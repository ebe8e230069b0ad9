using Commerce.Persistence.Orders;

namespace Commerce.Api.Ordering;

/// <summary>The Order of the API contract.</summary>
internal sealed record OrderView(
    Guid OrderId,
    string OrderNumber,
    string Status,
    IReadOnlyList<OrderLineView> Items,
    decimal Total,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? FailureReason,
    ShipmentView? Shipment,
    IReadOnlyList<TimelineEntryView> Timeline)
{
    public static OrderView From(Order order) => new(
        order.Id,
        OrderNumbers.Format(order.Number),
        order.Status,
        [.. order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineView(l.ProductId, l.Name, l.Quantity, l.UnitPrice, l.LineTotal))],
        order.Total,
        order.Currency,
        order.CreatedAt,
        order.UpdatedAt,
        order.FailureReason,
        order.Carrier is null ? null : new ShipmentView(order.Carrier, order.TrackingNumber),
        [.. order.Timeline.OrderBy(t => t.Version).Select(t => new TimelineEntryView(t.Status, t.At, t.Detail))]);
}
