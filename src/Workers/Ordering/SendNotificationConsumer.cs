using Commerce.Contracts.Notifications;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Commerce.Workers.Notifications;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Ordering;

/// <summary>
/// Emails the customer about an order event: one email per (order, event type). The row that
/// records it commits with the inbox, so a redelivered or replayed message finds it and sends
/// nothing; a failed commit is retried without a second send (<see cref="RecentlySentEmails"/>), so
/// only a crash of the process between the provider's 202 and the commit can send a second copy.
/// </summary>
public sealed class SendNotificationConsumer(CommerceDbContext db, IEmailSender email, RecentlySentEmails recentlySent, TimeProvider clock) : IConsumer<SendNotification>
{
    public async Task Consume(ConsumeContext<SendNotification> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (orderId, eventType) = (context.Message.OrderId, context.Message.EventType);
        if (await db.SentNotifications.AnyAsync(n => n.OrderId == orderId && n.EventType == eventType, context.CancellationToken))
        {
            return;
        }

        if (recentlySent.Contains(orderId, eventType))
        {
            await RecordAsync(orderId, eventType, context.CancellationToken);
            return;
        }

        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId, context.CancellationToken);
        var model = new OrderEmailModel(
            order.Id,
            order.CustomerName,
            [.. order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderEmailLine(l.Name, l.Quantity, l.UnitPrice, l.LineTotal))],
            order.Total,
            order.Currency,
            order.Carrier,
            order.TrackingNumber,
            order.FailureReason);
        var rendered = OrderEmailTemplates.Render(eventType, model);
        await email.SendAsync(
            new OrderEmail(order.Id, eventType, $"{order.Id:N}:{eventType}", order.CustomerEmail, rendered.Subject, rendered.Html, rendered.Text),
            context.CancellationToken);
        recentlySent.Add(orderId, eventType);
        await RecordAsync(orderId, eventType, context.CancellationToken);
    }

    private async Task RecordAsync(Guid orderId, string eventType, CancellationToken cancellationToken)
    {
        db.SentNotifications.Add(new SentNotification { OrderId = orderId, EventType = eventType, SentAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
