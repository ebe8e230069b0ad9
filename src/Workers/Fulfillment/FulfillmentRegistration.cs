using Commerce.Contracts;
using Commerce.ServiceDefaults;
using Commerce.Workers.Integrations;
using MassTransit;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Commerce.Workers.Fulfillment;

/// <summary>The warehouse request (<see cref="IWarehouseClient"/>), on its queue.</summary>
public static class FulfillmentRegistration
{
    public static void AddFulfillmentConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<RequestFulfillmentConsumer, ExternalCallConsumerDefinition<RequestFulfillmentConsumer>>().Endpoint(e => e.Name = Queues.RequestFulfillment);
    }

    /// <summary>A typed client with the standard resilience handler, tuned from the options.</summary>
    public static WebApplicationBuilder AddFulfillment(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProviderOptions<WarehouseOptions>(builder.Configuration, WarehouseOptions.SectionName)
            .RequireTlsInProduction("Warehouse:BaseUrl", o => o.BaseUrl)
            .RefuseCommittedSecrets(("Warehouse:ApiKey", o => [o.ApiKey]));
        builder.Services.RedactResilienceResults();
        builder.Services.AddHttpClient<IWarehouseClient, WarehouseClient>((sp, http) =>
                WarehouseClient.Configure(http, sp.GetRequiredService<IOptions<WarehouseOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(ProviderRegistration.NoRedirects)
            .AddHttpMessageHandler(sp => new OutboundHostGuard(sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.BaseUrl))
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) =>
            {
                ResilienceSettings tuning;
                try
                {
                    tuning = sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.Resilience;
                }
                catch (OptionsValidationException)
                {
                    // Reported once, naming the setting, by the validation of WarehouseOptions itself.
                    return;
                }

                o.AttemptTimeout.Timeout = tuning.AttemptTimeout;
                o.TotalRequestTimeout.Timeout = tuning.TotalRequestTimeout ?? o.TotalRequestTimeout.Timeout;
                o.Retry.MaxRetryAttempts = tuning.MaxRetryAttempts;
                o.Retry.Delay = tuning.RetryBaseDelay;
                o.Retry.MaxDelay = tuning.MaxRetryDelay;
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                o.CircuitBreaker.FailureRatio = tuning.CircuitBreakerFailureRatio;
                o.CircuitBreaker.MinimumThroughput = tuning.CircuitBreakerMinimumThroughput;
                o.CircuitBreaker.BreakDuration = tuning.CircuitBreakerBreakDuration;
                // The handler requires a sampling window of at least twice the attempt timeout.
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(tuning.CircuitBreakerSamplingDuration.Ticks, 2 * tuning.AttemptTimeout.Ticks));
            });
        return builder;
    }
}
