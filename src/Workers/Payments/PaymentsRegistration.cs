using Commerce.Contracts;
using Commerce.Workers.Integrations;
using MassTransit;

namespace Commerce.Workers.Payments;

/// <summary>Charge and refund through the payment provider, each on its queue.</summary>
public static class PaymentsRegistration
{
    public static void AddPaymentConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<ChargePaymentConsumer, ExternalCallConsumerDefinition<ChargePaymentConsumer>>().Endpoint(e => e.Name = Queues.ChargePayment);
        x.AddConsumer<RefundPaymentConsumer, ExternalCallConsumerDefinition<RefundPaymentConsumer>>().Endpoint(e => e.Name = Queues.RefundPayment);
    }
}
