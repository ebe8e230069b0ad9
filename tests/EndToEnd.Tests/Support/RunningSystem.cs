using Commerce.LocalSystem;
using Commerce.Persistence.Seeding;
using Commerce.Persistence.Users;

namespace Commerce.EndToEnd.Tests.Support;

/// <summary>
/// The whole system as <c>./commerce up</c> runs it (<see cref="SystemProcesses"/>, with two Api
/// instances) on a database and a RabbitMQ virtual host of its own, with the demo data seeded.
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private SystemProcesses? _processes;

    private RunningSystem(ThrowawayDatabase database, ThrowawayVirtualHost virtualHost)
    {
        Database = database;
        VirtualHost = virtualHost;
    }

    public ThrowawayDatabase Database { get; }

    public ThrowawayVirtualHost VirtualHost { get; }

    public Uri Api => Started.Apis[0];

    /// <summary>A second Api instance: live updates must reach clients of either.</summary>
    public Uri SecondApi => Started.Apis[1];

    public Uri Sandbox => Started.Sandbox;

    /// <summary>The Api's and the Workers' <c>/metrics</c>.</summary>
    public IReadOnlyList<Uri> MetricsEndpoints => Started.MetricsEndpoints;

    private SystemProcesses Started => _processes ?? throw new InvalidOperationException("the system's processes have not started");

    /// <summary>
    /// Starts the system; with <paramref name="productionLogsTo"/> the hosts log as in production
    /// (<see cref="SystemProcessOptions.ProductionLogging"/>), all of it into that directory.
    /// </summary>
    public static async Task<RunningSystem> StartAsync(IReadOnlyDictionary<string, string>? workerSettings = null, string? productionLogsTo = null)
    {
        var database = await ThrowawayDatabase.CreateAsync("e2e");
        await using (var db = database.CreateContext())
        {
            await new DemoDataSeeder(db, new UserPasswordHasher(), TimeProvider.System).SeedAsync(CancellationToken.None);
        }

        var system = new RunningSystem(database, await ThrowawayVirtualHost.CreateAsync("e2e"));
        try
        {
            system._processes = await SystemProcesses.StartAsync(
                new SystemProcessOptions
                {
                    PostgresConnectionString = database.ConnectionString,
                    VirtualHost = system.VirtualHost.Name,
                    ApiInstances = 2,
                    ProductionLogging = productionLogsTo is not null,
                    LogDirectory = productionLogsTo,
                    SandboxSettings = new Dictionary<string, string>
                    {
                        ["Sandbox__Warehouse__DispatchAfter"] = "00:00:01",
                        ["Sandbox__Warehouse__DeliverAfter"] = "00:00:02",
                    },
                    WorkerSettings = workerSettings ?? new Dictionary<string, string>(),
                },
                CancellationToken.None);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    /// <summary>The processes' recent output, for failure messages.</summary>
    public string Output() => _processes?.Output() ?? string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
    }
}
