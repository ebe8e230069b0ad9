using Commerce.Contracts;
using Commerce.Workers.Integrations;
using MassTransit;

namespace Commerce.Workers.Notifications;

/// <summary>The order emails, on their queue.</summary>
public static class NotificationsRegistration
{
    public static void AddNotificationConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<SendNotificationConsumer, ExternalCallConsumerDefinition<SendNotificationConsumer>>().Endpoint(e => e.Name = Queues.SendNotification);
    }
}
