using Commerce.Contracts;
using Commerce.ServiceDefaults;
using Commerce.Workers.Integrations;
using MassTransit;

namespace Commerce.Workers.Payments;

/// <summary>Charge and refund through Stripe (<see cref="IPaymentGateway"/>), each on its queue.</summary>
public static class PaymentsRegistration
{
    public static void AddPaymentConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<ChargePaymentConsumer, ExternalCallConsumerDefinition<ChargePaymentConsumer>>().Endpoint(e => e.Name = Queues.ChargePayment);
        x.AddConsumer<RefundPaymentConsumer, ExternalCallConsumerDefinition<RefundPaymentConsumer>>().Endpoint(e => e.Name = Queues.RefundPayment);
    }

    /// <summary>Stripe.net over a factory HttpClient (its own retries off), inside our pipeline.</summary>
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProviderOptions<StripeOptions>(builder.Configuration, StripeOptions.SectionName)
            .RequireTlsInProduction("Stripe:ApiBase", o => o.ApiBase)
            .RefuseCommittedSecrets(("Stripe:ApiKey", o => [o.ApiKey]));
        builder.Services.AddProviderClient<StripeOptions>(
            StripePaymentGateway.HttpClientName, StripePaymentGateway.PipelineName, o => o.ApiBase, o => o.Resilience, StripePaymentGateway.IsTransient);
        builder.Services.AddTransient<IPaymentGateway, StripePaymentGateway>();
        builder.Services.AddSingleton<PaymentMetrics>();
        return builder;
    }
}
