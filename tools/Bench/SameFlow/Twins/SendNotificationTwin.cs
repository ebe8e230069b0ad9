using Commerce.Contracts.Notifications;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>send-notification without SendGrid or the sent-emails table: the email is taken as sent.</summary>
public sealed class SendNotificationTwin : IConsumer<SendNotification>
{
    public Task Consume(ConsumeContext<SendNotification> context) => Task.CompletedTask;
}
