using Commerce.Contracts.Checkout;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Ordering;

/// <summary>
/// Keeps the order that clients read in step with the saga: appends the timeline entry (keyed by
/// the saga's version, so a copy adds nothing) and moves the status forward only, never back.
/// </summary>
public sealed class OrderStatusProjectionConsumer(CommerceDbContext db) : IConsumer<OrderStatusChanged>
{
    public async Task Consume(ConsumeContext<OrderStatusChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = context.Message;
        var ct = context.CancellationToken;
        if (!await db.Orders.AnyAsync(o => o.Id == change.OrderId, ct)
            || await db.Set<OrderTimelineEntry>().AnyAsync(t => t.OrderId == change.OrderId && t.Version == change.Version, ct))
        {
            return;
        }

        db.Set<OrderTimelineEntry>().Add(new OrderTimelineEntry { OrderId = change.OrderId, Version = change.Version, Status = change.Status, Detail = change.Detail, At = change.At });
        await db.SaveChangesAsync(ct);

        // One conditional UPDATE, not read-modify-write: two changes of one order projected at once
        // (Shipped and Delivered arrive a second apart) must not let the older one land last. The
        // second UPDATE waits for the first and re-checks the version against the committed row.
        var failed = change.Status is OrderStatus.Rejected or OrderStatus.PaymentFailed or OrderStatus.Cancelled;
        await db.Orders
            .Where(o => o.Id == change.OrderId && o.StatusVersion < change.Version)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(o => o.Status, change.Status)
                    .SetProperty(o => o.StatusVersion, change.Version)
                    .SetProperty(o => o.UpdatedAt, change.At)
                    .SetProperty(o => o.FailureReason, o => failed ? change.Detail : o.FailureReason),
                ct);
        if (change.Carrier is not null || change.TrackingNumber is not null)
        {
            await db.Orders
                .Where(o => o.Id == change.OrderId)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(o => o.Carrier, o => change.Carrier ?? o.Carrier)
                        .SetProperty(o => o.TrackingNumber, o => change.TrackingNumber ?? o.TrackingNumber),
                    ct);
        }
    }
}
