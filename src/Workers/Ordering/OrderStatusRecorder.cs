using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Ordering;

/// <summary>
/// Records a status change on the scoped <see cref="CommerceDbContext"/> the saga repository and
/// the outbox share, so it commits with the saga's state in the step's own transaction
/// (docs/adr/0014): the timeline entry goes out with the saga's SaveChanges, the order row is
/// moved in one statement. The <c>orders</c> trigger then notifies the Api instances.
/// </summary>
public sealed class OrderStatusRecorder(CommerceDbContext db) : IOrderStatusRecorder
{
    public async Task RecordAsync(OrderStatusChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        db.Set<OrderTimelineEntry>().Add(new OrderTimelineEntry { OrderId = change.OrderId, Version = change.Version, Status = change.Status, Detail = change.Detail, At = change.At });
        var failed = OrderStatus.Failed.Contains(change.Status);
        // The saga's row lock orders its steps, so versions arrive in order; the condition keeps
        // the status forward-only all the same.
        await db.Orders
            .Where(o => o.Id == change.OrderId && o.StatusVersion < change.Version)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(o => o.Status, change.Status)
                    .SetProperty(o => o.StatusVersion, change.Version)
                    .SetProperty(o => o.UpdatedAt, change.At)
                    .SetProperty(o => o.FailureReason, o => failed ? change.Detail : o.FailureReason)
                    .SetProperty(o => o.Carrier, o => change.Carrier ?? o.Carrier)
                    .SetProperty(o => o.TrackingNumber, o => change.TrackingNumber ?? o.TrackingNumber),
                cancellationToken);
    }
}
