using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Commerce.Workers.Checkout;

/// <summary>
/// Records a status change on the scoped <see cref="CommerceDbContext"/> the saga repository and
/// the outbox share, so it commits with the saga's state in the step's own transaction
/// (docs/adr/0014). The timeline entry and the order row's new status both go out with the saga's
/// SaveChanges, in its one batch (docs/adr/0021). The <c>orders</c> trigger then notifies the Api
/// instances.
/// </summary>
public sealed class OrderStatusRecorder(CommerceDbContext db, OrderMetrics metrics) : IOrderStatusRecorder
{
    public Task RecordAsync(OrderStatusChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        db.Set<OrderTimelineEntry>().Add(new OrderTimelineEntry { OrderId = change.OrderId, Version = change.Version, Status = change.Status, Detail = change.Detail, At = change.At });
        var order = db.Orders.Local.FindEntry(change.OrderId)?.Entity ?? AttachUnread(change);
        var entry = db.Entry(order);
        Set(entry.Property(o => o.Status), change.Status);
        Set(entry.Property(o => o.StatusVersion), change.Version);
        Set(entry.Property(o => o.UpdatedAt), change.At);
        if (OrderStatus.Failed.Contains(change.Status))
        {
            Set(entry.Property(o => o.FailureReason), change.Detail);
        }

        if (change.Carrier is not null)
        {
            Set(entry.Property(o => o.Carrier), change.Carrier);
        }

        if (change.TrackingNumber is not null)
        {
            Set(entry.Property(o => o.TrackingNumber), change.TrackingNumber);
        }

        metrics.StatusRecorded(change.Status);

        return Task.CompletedTask;
    }

    /// <summary>
    /// The order row as an unread stand-in: only the properties set on it are written. Its
    /// <see cref="Order.StatusVersion"/> is the saga's previous version, the concurrency token the
    /// UPDATE checks, so the status only moves forward from the version this step saw (the saga's
    /// row lock orders the steps; a mismatch fails the step instead of overwriting).
    /// </summary>
    private Order AttachUnread(OrderStatusChange change)
    {
        var order = new Order
        {
            Id = change.OrderId,
            StatusVersion = change.Version - 1,
            CustomerEmail = string.Empty,
            CustomerName = string.Empty,
            IdempotencyKey = string.Empty,
            RequestHash = string.Empty,
            PaymentMethod = string.Empty,
            ShippingAddress = new ShippingAddress { Name = string.Empty, Line1 = string.Empty, City = string.Empty, PostalCode = string.Empty, Country = string.Empty },
        };
        db.Orders.Attach(order);
        return order;
    }

    private static void Set<TValue>(PropertyEntry<Order, TValue> property, TValue value)
    {
        property.CurrentValue = value;
        property.IsModified = true;
    }
}
