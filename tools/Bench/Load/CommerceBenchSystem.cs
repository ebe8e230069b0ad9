using Commerce.Bench.Hosting;
using Commerce.Bench.Measure;
using Commerce.Messaging.Storage;
using Commerce.Operations.Management;
using Microsoft.EntityFrameworkCore;
using Commerce.LocalSystem;

namespace Commerce.Bench.Load;

/// <summary>
/// Our system as the bench measures it: Sandbox, one Api and one Workers started with the bench
/// shape, enough shoppers for the highest rate, and the <see cref="LoadStep"/> that drives it.
/// </summary>
public sealed class CommerceBenchSystem : IAsyncDisposable
{
    private readonly SystemUnderTest _system;
    private readonly HttpClient _http;
    private readonly RabbitMqManagementClient _management;

    private CommerceBenchSystem(SystemUnderTest system, HttpClient http, RabbitMqManagementClient management, LoadStep step)
    {
        _system = system;
        _http = http;
        _management = management;
        Step = step;
    }

    public LoadStep Step { get; }

    public static async Task<CommerceBenchSystem> StartAsync(int products, double highestRate, string logDirectory, QueueCounters queues, HttpClient scraper, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        status("starting Sandbox, Api and Workers");
        var system = await SystemUnderTest.StartAsync(new SystemShape("bench", ApiInstances: 1, WorkerInstances: 1, InitialStock: 1_000_000, Products: products), logDirectory, cancellationToken);
        var http = system.CreateApiClient();
        // Each shopper may check out 1,000 times a minute; enough of them for the highest rate.
        var shopperCount = (int)Math.Ceiling(highestRate * 60 / 1000 * 1.5) + 2;
        status($"registering {shopperCount} shoppers");
        var shoppers = await Shopper.RegisterAsync(http, shopperCount, cancellationToken);
        var management = LocalServices.Current.CreateManagementClient();
        var sampler = MeasuredProcesses.SamplerFor(system, management, queues, scraper);
        return new CommerceBenchSystem(system, http, management, new LoadStep(new CommerceTarget(system, shoppers), sampler, management));
    }

    /// <summary>Rows in the inbox (kept for the duplicate-detection window) and the consumer and bus outboxes (sent rows are deleted as they go).</summary>
    public async Task<(long Inbox, long Outbox)> MessagingRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = _system.CreateContext();
        var inbox = await db.Set<InboxState>().LongCountAsync(cancellationToken);
        var outbox = await db.Set<OutboxMessage>().LongCountAsync(cancellationToken);
        return (inbox, outbox);
    }

    public async ValueTask DisposeAsync()
    {
        _management.Dispose();
        _http.Dispose();
        await _system.DisposeAsync();
    }
}
