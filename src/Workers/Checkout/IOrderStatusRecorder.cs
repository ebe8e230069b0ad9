using Commerce.Persistence.Orders;

namespace Commerce.Workers.Checkout;

/// <summary>Writes the order's status, timeline entry and shipment as the saga changes them.</summary>
public interface IOrderStatusRecorder
{
    Task RecordAsync(OrderStatusChange change, CancellationToken cancellationToken);
}
