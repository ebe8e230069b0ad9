using System.Collections.Concurrent;
using Commerce.Workers.Fulfillment;
using Commerce.Workers.Notifications;
using Commerce.Workers.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Integrations.Support;

/// <summary>
/// The Workers' integrations registered exactly as the host registers them (<see cref="PaymentsRegistration.AddPayments"/>, <see cref="NotificationsRegistration.AddNotifications"/>, <see cref="FulfillmentRegistration.AddFulfillment"/>),
/// with settings pointing at the sandbox and short retry delays, plus a handler that counts the
/// HTTP attempts each client makes (outermost, so it sees every retry).
/// </summary>
public sealed class IntegrationServices : IAsyncDisposable
{
    /// <summary>A restricted test-mode key: the sandbox takes it, and it trips no secret scan.</summary>
    public const string StripeApiKey = "rk_test_workers_specs";

    private readonly ServiceProvider _provider;

    private IntegrationServices(ServiceProvider provider, AttemptCounter attempts)
    {
        _provider = provider;
        Attempts = attempts;
    }

    public AttemptCounter Attempts { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Fast settings for the sandbox; <paramref name="overrides"/> win (null removes a setting).</summary>
    public static Dictionary<string, string?> SandboxSettings(Uri sandbox, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var root = sandbox.GetLeftPart(UriPartial.Authority);
        var settings = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = StripeApiKey,
            ["Stripe:ApiBase"] = root,
            // Far beyond any answer of the in-process sandbox, even a cold one on a loaded 2-core box, so
            // an attempt count is never a timer's: a spec that is about timeouts sets its own.
            ["Stripe:Resilience:AttemptTimeout"] = "00:00:30",
            ["Stripe:Resilience:MaxRetryAttempts"] = "3",
            ["Stripe:Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["Stripe:Resilience:MaxRetryDelay"] = "00:00:00.100",
            ["SendGrid:ApiKey"] = "sandbox-workers-specs",
            ["SendGrid:Host"] = root,
            ["SendGrid:FromEmail"] = "orders@commerce.test",
            ["SendGrid:FromName"] = "Commerce specs",
            ["SendGrid:Resilience:AttemptTimeout"] = "00:00:30",
            ["SendGrid:Resilience:MaxRetryAttempts"] = "3",
            ["SendGrid:Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["SendGrid:Resilience:MaxRetryDelay"] = "00:00:00.100",
            ["Warehouse:BaseUrl"] = root,
            ["Warehouse:Resilience:AttemptTimeout"] = "00:00:30",
            ["Warehouse:Resilience:TotalRequestTimeout"] = "00:02:00",
            ["Warehouse:Resilience:MaxRetryAttempts"] = "3",
            ["Warehouse:Resilience:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Builds the services and runs the start-up validation the host runs (throws <see cref="OptionsValidationException"/>);
    /// <paramref name="logs"/>, when given, receives every log line at every level. Staging by default:
    /// every check of Production but https, which the sandbox's plain http cannot meet.
    /// </summary>
    public static IntegrationServices Create(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs = null, string environment = "Staging")
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        builder.Services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        builder.AddPayments();
        builder.AddNotifications();
        builder.AddFulfillment();

        var attempts = new AttemptCounter();
        builder.Services.AddSingleton(attempts);
        foreach (var name in new[] { "Stripe", "SendGrid", "IWarehouseClient" })
        {
            builder.Services.AddHttpClient(name).AddHttpMessageHandler(() => new CountingHandler(attempts, name));
        }

        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new IntegrationServices(provider, attempts);
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    /// <summary>HTTP attempts per client name.</summary>
    public sealed class AttemptCounter
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int this[string client] => _counts.GetValueOrDefault(client);

        public void Add(string client) => _counts.AddOrUpdate(client, 1, (_, n) => n + 1);
    }

    private sealed class CountingHandler(AttemptCounter counter, string client) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Add(client);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
