using Commerce.Contracts;
using Commerce.Workers.Integrations;
using MassTransit;

namespace Commerce.Workers.Fulfillment;

/// <summary>The warehouse request, on its queue.</summary>
public static class FulfillmentRegistration
{
    public static void AddFulfillmentConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<RequestFulfillmentConsumer, ExternalCallConsumerDefinition<RequestFulfillmentConsumer>>().Endpoint(e => e.Name = Queues.RequestFulfillment);
    }
}
