using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace Commerce.Workers.Integrations;

/// <summary>
/// What each module's registration of its provider shares: options validated on start (a bad
/// setting stops the host with exit code 78), and an outbound HTTP client that refuses redirects
/// and any host but the configured one (reliability plan S8), with its resilience (docs/adr/0012).
/// </summary>
public static class ProviderRegistration
{
    public static OptionsBuilder<TOptions> AddProviderOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>In Production, start-up fails unless <paramref name="setting"/>'s URL is https (<see cref="ProductionTlsValidator{TOptions}"/>).</summary>
    public static OptionsBuilder<TOptions> RequireTlsInProduction<TOptions>(this OptionsBuilder<TOptions> builder, string setting, Func<TOptions, Uri> baseUrl)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new ProductionTlsValidator<TOptions>(sp.GetRequiredService<IHostEnvironment>(), setting, baseUrl));
        return builder;
    }

    /// <summary>
    /// An SDK's factory HttpClient (no timeout of its own: the pipeline's apply) that talks to the
    /// configured host only, and the Polly pipeline (<see cref="ProviderPipeline"/>) the SDK's calls run through.
    /// </summary>
    public static void AddProviderClient<TOptions>(
        this IServiceCollection services,
        string httpClientName,
        string pipelineName,
        Func<TOptions, Uri> host,
        Func<TOptions, ResilienceSettings> resilience,
        Func<Exception, bool> isTransient)
        where TOptions : class
    {
        services.RedactResilienceResults();
        services.AddHttpClient(httpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler(sp => new OutboundHostGuard(host(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        services.AddResiliencePipeline(pipelineName, (pipeline, context) =>
            pipeline.AddProviderStrategies(resilience(context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value), isTransient));
    }

    /// <summary>Polly logs a result's type, never its content (<see cref="RedactedResilienceResults"/>); once however many providers ask.</summary>
    public static void RedactResilienceResults(this IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TelemetryOptions>, RedactedResilienceResults>());

    /// <summary>Answers are never followed elsewhere (S8); pooled connections are renewed so DNS changes are seen.</summary>
    public static SocketsHttpHandler NoRedirects() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
