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
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == change.OrderId, context.CancellationToken);
        if (order is null || await db.Set<OrderTimelineEntry>().AnyAsync(t => t.OrderId == change.OrderId && t.Version == change.Version, context.CancellationToken))
        {
            return;
        }

        db.Set<OrderTimelineEntry>().Add(new OrderTimelineEntry { OrderId = change.OrderId, Version = change.Version, Status = change.Status, Detail = change.Detail, At = change.At });
        if (change.Version > order.StatusVersion)
        {
            order.Status = change.Status;
            order.StatusVersion = change.Version;
            order.UpdatedAt = change.At;
            order.FailureReason = change.Status is OrderStatus.Rejected or OrderStatus.PaymentFailed or OrderStatus.Cancelled ? change.Detail : order.FailureReason;
        }

        order.Carrier = change.Carrier ?? order.Carrier;
        order.TrackingNumber = change.TrackingNumber ?? order.TrackingNumber;
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
