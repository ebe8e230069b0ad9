using Commerce.Contracts.Notifications;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Notifications;

/// <summary>
/// Emails the customer about an order event: one email per (order, event type). The row that
/// records it is claimed first (one statement: insert, or learn it exists) and commits with the
/// inbox, so a redelivered or replayed message finds it and sends nothing, and a concurrent one
/// waits on the claim; a failed send rolls the claim back. A failed commit is retried without a
/// second send (<see cref="RecentlySentEmails"/>), so only a crash of the process between the
/// provider's 202 and the commit can send a second copy.
/// </summary>
public sealed class SendNotificationConsumer(CommerceDbContext db, IEmailSender email, RecentlySentEmails recentlySent, TimeProvider clock) : IConsumer<SendNotification>
{
    public async Task Consume(ConsumeContext<SendNotification> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (orderId, eventType) = (context.Message.OrderId, context.Message.EventType);
        if (!await ClaimAsync(orderId, eventType, context.CancellationToken) || recentlySent.Contains(orderId, eventType))
        {
            return;
        }

        var order = await db.WithLinesAsync(orderId, context.CancellationToken);
        var orderNumber = OrderNumbers.Format(order.Number);
        var model = new OrderEmailModel(
            orderNumber,
            order.CustomerName,
            [.. order.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderEmailLine(l.Name, l.Quantity, l.UnitPrice, l.LineTotal))],
            order.Total,
            order.Currency,
            order.Carrier,
            order.TrackingNumber,
            order.FailureReason);
        var rendered = OrderEmailTemplates.Render(eventType, model);
        await email.SendAsync(
            new OrderEmail(order.Id, orderNumber, eventType, $"{order.Id:N}:{eventType}", order.CustomerEmail, rendered.Subject, rendered.Html, rendered.Text),
            context.CancellationToken);
        recentlySent.Add(orderId, eventType);
    }

    /// <summary>True when this transaction inserted the (order, event type) row: no email was sent for it before.</summary>
    private async Task<bool> ClaimAsync(Guid orderId, string eventType, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sent_notifications (order_id, event_type, sent_at) VALUES ({orderId}, {eventType}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken) == 1;
}
