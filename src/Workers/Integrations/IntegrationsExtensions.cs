using Microsoft.Extensions.DependencyInjection.Extensions;
using Commerce.Workers.Fulfillment;
using Commerce.Workers.Notifications;
using Commerce.Workers.Payments;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Commerce.Workers.Integrations;

/// <summary>
/// Registers the Workers' external integrations — Stripe (<see cref="IPaymentGateway"/>), SendGrid
/// (<see cref="IEmailSender"/>) and the warehouse (<see cref="IWarehouseClient"/>) — with their options
/// (validated on start: a bad setting stops the host with exit code 78), their HTTP clients and their
/// resilience pipelines (docs/adr/0012). Every outbound client refuses redirects and any host but the
/// configured one (reliability plan S8).
/// </summary>
public static class IntegrationsExtensions
{
    public static WebApplicationBuilder AddIntegrations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SendGridOptions>()
            .Bind(configuration.GetSection(SendGridOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<WarehouseOptions>()
            .Bind(configuration.GetSection(WarehouseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Stripe: Stripe.net over a factory HttpClient (its retries off), inside our pipeline.
        services.AddProviderClient<StripeOptions>(
            StripePaymentGateway.HttpClientName, StripePaymentGateway.PipelineName, o => o.ApiBase, o => o.Resilience, StripePaymentGateway.IsTransient);
        services.AddTransient<IPaymentGateway, StripePaymentGateway>();

        // SendGrid: the SendGrid client over a factory HttpClient (it retries nothing by default), inside our pipeline.
        services.AddProviderClient<SendGridOptions>(
            SendGridEmailSender.HttpClientName, SendGridEmailSender.PipelineName, o => o.Host, o => o.Resilience, SendGridEmailSender.IsTransient);
        services.AddTransient<IEmailSender, SendGridEmailSender>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RecentlySentEmails>();

        // Warehouse: a typed client with the standard resilience handler, tuned from the options.
        services.AddHttpClient<IWarehouseClient, WarehouseClient>((sp, http) =>
                WarehouseClient.Configure(http, sp.GetRequiredService<IOptions<WarehouseOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
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

    // An SDK's factory HttpClient (no timeout of its own: the pipeline's apply) that talks to the
    // configured host only, and the Polly pipeline (ProviderPipeline) the SDK's calls run through.
    private static void AddProviderClient<TOptions>(
        this IServiceCollection services,
        string httpClientName,
        string pipelineName,
        Func<TOptions, Uri> host,
        Func<TOptions, ResilienceSettings> resilience,
        Func<Exception, bool> isTransient)
        where TOptions : class
    {
        services.AddHttpClient(httpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler(sp => new OutboundHostGuard(host(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        services.AddResiliencePipeline(pipelineName, (pipeline, context) =>
            pipeline.AddProviderStrategies(resilience(context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value), isTransient));
    }

    // Answers are never followed elsewhere (S8); pooled connections are renewed so DNS changes are seen.
    private static SocketsHttpHandler NoRedirects() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
