using Commerce.Persistence.Seeding;
using Commerce.Persistence.Users;

namespace Commerce.EndToEnd.Tests.Support;

/// <summary>
/// The whole system as <c>./commerce up</c> runs it — Sandbox, Api and Workers as real processes —
/// on a database and a RabbitMQ virtual host of its own, with the demo data seeded.
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];

    private RunningSystem(TestDatabase database, TestVirtualHost virtualHost)
    {
        Database = database;
        VirtualHost = virtualHost;
    }

    public TestDatabase Database { get; }

    public TestVirtualHost VirtualHost { get; }

    public Uri Api { get; private set; } = null!;

    /// <summary>A second Api instance: live updates must reach clients of either.</summary>
    public Uri SecondApi { get; private set; } = null!;

    public Uri Sandbox { get; private set; } = null!;

    public static async Task<RunningSystem> StartAsync(IReadOnlyDictionary<string, string>? workerSettings = null)
    {
        var database = await TestDatabase.CreateAsync("e2e");
        await using (var db = database.CreateContext())
        {
            await new DemoDataSeeder(db, new UserPasswordHasher(), TimeProvider.System).SeedAsync(CancellationToken.None);
        }

        var system = new RunningSystem(database, await TestVirtualHost.CreateAsync("e2e"));
        try
        {
            await system.StartProcessesAsync(workerSettings ?? new Dictionary<string, string>());
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    private async Task StartProcessesAsync(IReadOnlyDictionary<string, string> workerSettings)
    {
        var (sandboxPort, apiPort, secondApiPort, workersPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        SecondApi = new Uri($"http://127.0.0.1:{secondApiPort}");
        Sandbox = new Uri($"http://127.0.0.1:{sandboxPort}");
        Api = new Uri($"http://127.0.0.1:{apiPort}");
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Postgres__ConnectionString"] = Database.ConnectionString,
            ["Redis__Configuration"] = TestServices.RedisConfiguration,
            ["RabbitMq__Host"] = TestServices.RabbitMqHost,
            ["RabbitMq__VirtualHost"] = VirtualHost.Name,
            ["RabbitMq__Username"] = TestServices.RabbitMqUsername,
            ["RabbitMq__Password"] = TestServices.RabbitMqPassword,
            ["Logging__LogLevel__Default"] = "Warning",
        };

        Start("Commerce.Sandbox", sandboxPort, new Dictionary<string, string>(common)
        {
            ["Sandbox__Warehouse__WebhookUrl"] = $"{Api}api/v1/webhooks/warehouse",
            ["Sandbox__Warehouse__DispatchAfter"] = "00:00:01",
            ["Sandbox__Warehouse__DeliverAfter"] = "00:00:02",
        });
        // The load tests check out far more than a shopper's 10 a minute, from one account.
        var api = new Dictionary<string, string>(common)
        {
            ["Gateway__CheckoutsPerMinute"] = "1000",
            ["Gateway__RequestsPerMinute"] = "100000",
        };
        Start("Commerce.Api", apiPort, api);
        Start("Commerce.Api", secondApiPort, api);
        var workers = new Dictionary<string, string>(common)
        {
            ["Stripe__ApiBase"] = Sandbox.ToString(),
            ["SendGrid__Host"] = Sandbox.ToString(),
            ["Warehouse__BaseUrl"] = Sandbox.ToString(),
        };
        foreach (var (key, value) in workerSettings)
        {
            workers[key] = value;
        }

        Start("Commerce.Workers", workersPort, workers);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (name, url) in new[] { ("sandbox", $"{Sandbox}health/live"), ("api", $"{Api}health/ready"), ("second api", $"{SecondApi}health/ready"), ("workers", $"http://127.0.0.1:{workersPort}/health/ready") })
        {
            await Poll.UntilAsync(
                async () =>
                {
                    try
                    {
                        using var response = await http.GetAsync(new Uri(url));
                        return response.IsSuccessStatusCode;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // Refused, or no answer within the client's 5 s (a host still starting on a
                        // busy machine): not ready yet. The deadline still decides.
                        return false;
                    }
                },
                TimeSpan.FromSeconds(90),
                $"{name} to be ready ({Output()})");
        }
    }

    private void Start(string project, int port, IReadOnlyDictionary<string, string> environment) =>
        _processes.Add(ChildProcess.Start(
            Path.Combine(RepositoryPaths.BuildOutput(project), $"{project}.dll"),
            ["--urls", $"http://127.0.0.1:{port}"],
            environment));

    /// <summary>The processes' recent output, for failure messages.</summary>
    public string Output() => string.Join("\n", _processes.Select(p => p.Output is { Length: > 2000 } o ? o[^2000..] : p.Output));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
    }
}
