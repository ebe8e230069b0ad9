using System.Net;
using System.Net.Http.Json;
using Commerce.Bench.Hosting;
using Commerce.Bench.Load;
using Commerce.Bench.Measure;
using Commerce.LocalSystem;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// The same-flow baseline as the ramp sees it: <see cref="SameFlowHost"/> started as a child
/// process (<c>commerce-bench same-flow-host</c>) on a virtual host of its own of the same RabbitMQ,
/// created before and removed after, as the real run's.
/// </summary>
public sealed class SameFlowSystem : ILoadTarget, IAsyncDisposable
{
    private readonly ThrowawayVirtualHost _virtualHost;
    private readonly HttpClient _http;

    private SameFlowSystem(ThrowawayVirtualHost virtualHost, ChildProcess process, Uri address)
    {
        _virtualHost = virtualHost;
        Process = process;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public const string ProcessName = "same-flow";

    public string VirtualHost => _virtualHost.Name;

    public ChildProcess Process { get; }

    /// <summary>No database: RabbitMQ's 5 s statistics interval is all the counters lag.</summary>
    public TimeSpan CounterLag => DrainGate.RabbitMqStatisticsLag;

    public static async Task<SameFlowSystem> StartAsync(string logDirectory, CancellationToken cancellationToken)
    {
        var virtualHost = await ThrowawayVirtualHost.CreateNamedAsync($"commerce_sameflow_{DateTime.UtcNow:MMddHHmmss}", cancellationToken);
        Directory.CreateDirectory(logDirectory);
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = new ChildProcess(
            ProcessName,
            Path.Combine(AppContext.BaseDirectory, "commerce-bench.dll"),
            [SameFlowHostCommand.Name, "--virtual-host", virtualHost.Name, "--urls", address.ToString().TrimEnd('/')],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            Path.Combine(logDirectory, $"{ProcessName}.log"));
        var system = new SameFlowSystem(virtualHost, process, address);
        try
        {
            process.Start();
            await HealthWait.UntilHealthyAsync(new Uri(address, "health"), TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    public async Task<CheckoutOutcome> CheckoutAsync(int index, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsync("checkouts", null, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new CheckoutOutcome(CheckoutResult.Refused, (int)response.StatusCode, null);
            }

            var accepted = await response.Content.ReadFromJsonAsync<AcceptedCheckout>(cancellationToken);
            return new CheckoutOutcome(CheckoutResult.Accepted, 202, accepted!.OrderId);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new CheckoutOutcome(CheckoutResult.Unknown, 0, null);
        }
    }

    public async Task<(long NotFinal, long Unsent)> InFlightAsync(CancellationToken cancellationToken)
    {
        var progress = await _http.GetFromJsonAsync<LedgerProgress>("progress", cancellationToken);
        // No outbox: a message is either on the broker or not yet produced by a step.
        return (progress!.NotFinal, 0);
    }

    public async Task<IReadOnlyList<Confirmation>> ConfirmationsAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("confirmations", orderIds, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<Confirmation>>(cancellationToken) ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _http.Dispose();
        await KeepForInspection.RemoveAsync($"vhost {VirtualHost}", _virtualHost);
    }
}
