using System.Globalization;
using Commerce.Operations.Management;
using Commerce.Persistence;
using Commerce.Persistence.Catalog;
using Commerce.Persistence.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Bench.Hosting;

/// <summary>
/// The whole system as <c>./commerce up</c> runs it (Sandbox, Api, Workers as real processes, from
/// the built assemblies) on a database and a RabbitMQ virtual host of its own, with the load-test
/// settings a bench needs: gateway limits raised, one product with plenty of stock.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    public const decimal ProductPrice = 12.50m;

    private readonly ServiceSettings _services;
    private readonly List<ManagedProcess> _processes = [];

    private SystemUnderTest(ServiceSettings services, string name, string logDirectory)
    {
        _services = services;
        Name = name;
        LogDirectory = logDirectory;
        ConnectionString = services.ConnectionStringFor(name);
    }

    /// <summary>The database and virtual host name, and the prefix of the log files.</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    public string LogDirectory { get; }

    public Uri Api { get; private set; } = null!;

    public Uri Sandbox { get; private set; } = null!;

    /// <summary>The products the load buys, each with <see cref="SystemShape.InitialStock"/> units.</summary>
    public IReadOnlyList<Guid> ProductIds { get; private set; } = [];

    public Guid ProductId => ProductIds[0];

    public IReadOnlyList<ManagedProcess> Workers => _processes.Where(p => p.Name.StartsWith("workers", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ManagedProcess> Processes => _processes;

    /// <summary>The Prometheus endpoints of the Api and Workers processes (the ones that talk to PostgreSQL).</summary>
    public IReadOnlyList<Uri> MetricsEndpoints { get; private set; } = [];

    public static async Task<SystemUnderTest> StartAsync(SystemShape shape, string logDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var services = ServiceSettings.FromEnvironment();
        var system = new SystemUnderTest(services, $"commerce_{shape.Purpose}_{DateTime.UtcNow:MMddHHmmss}", logDirectory);
        try
        {
            await system.ProvisionAsync(shape, cancellationToken);
            await system.StartProcessesAsync(shape, cancellationToken);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    public CommerceDbContext CreateContext() => PersistenceRegistrationExtensions.Open(ConnectionString);

    /// <summary>Adds one product to the catalog with <paramref name="stock"/> units available.</summary>
    public async Task<Guid> AddProductAsync(string sku, string name, decimal price, int stock, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        var product = new Product
        {
            Sku = sku,
            Name = name,
            Category = "bench",
            Price = price,
            Available = stock,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        return product.Id;
    }

    public RabbitMqManagementClient CreateManagementClient() =>
        new(_services.RabbitMqManagementUrl, _services.RabbitMqUsername, _services.RabbitMqPassword);

    private async Task ProvisionAsync(SystemShape shape, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(_services.PostgresConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Statements per order come from pg_stat_statements (Measure/ResourceSampler).
        await ServiceControl.TryCreateExtensionAsync(Name, "pg_stat_statements", cancellationToken);

        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        var products = new List<Guid>();
        for (var i = 1; i <= shape.Products; i++)
        {
            products.Add(await AddProductAsync($"BENCH-{i:0000}", $"Benchmark mug {i}", ProductPrice, shape.InitialStock, cancellationToken));
        }

        ProductIds = products;

        using var management = CreateManagementClient();
        await management.CreateVirtualHostAsync(Name, _services.RabbitMqUsername, cancellationToken);
    }

    private async Task StartProcessesAsync(SystemShape shape, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LogDirectory);
        var sandboxPort = FreePort();
        Sandbox = new Uri($"http://127.0.0.1:{sandboxPort}/");
        var apiPorts = Enumerable.Range(0, shape.ApiInstances).Select(_ => FreePort()).ToList();
        Api = new Uri($"http://127.0.0.1:{apiPorts[0]}/");
        // Production, as deployed: Development would bring appsettings.Development.json's committed
        // keys, prose logs and the OpenAPI pages. What production takes from the environment instead
        // comes from RunSecrets, new for every run and never written anywhere but the child's environment.
        var secrets = RunSecrets.Create();
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Postgres__ConnectionString"] = ConnectionString,
            ["Redis__Configuration"] = _services.RedisConfiguration,
            ["RabbitMq__Host"] = _services.RabbitMqHost,
            ["RabbitMq__VirtualHost"] = Name,
            ["RabbitMq__Username"] = _services.RabbitMqUsername,
            ["RabbitMq__Password"] = _services.RabbitMqPassword,
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var health = new List<Uri> { new(Sandbox, "health/live") };
        var metrics = new List<Uri>();
        Start("sandbox", "Commerce.Sandbox", sandboxPort, new Dictionary<string, string>(common)
        {
            ["Sandbox__Warehouse__WebhookUrl"] = $"{Api}api/v1/webhooks/warehouse",
            ["Sandbox__Warehouse__DispatchAfter"] = BenchWarehouse.DispatchAfter.ToString("c", CultureInfo.InvariantCulture),
            ["Sandbox__Warehouse__DeliverAfter"] = BenchWarehouse.DeliverAfter.ToString("c", CultureInfo.InvariantCulture),
            ["Sandbox__Warehouse__WebhookSecret"] = secrets.WarehouseWebhookSecret,
        });
        for (var i = 0; i < apiPorts.Count; i++)
        {
            // A bench checks out far more than a shopper's 10 a minute.
            Start($"api-{i + 1}", "Commerce.Api", apiPorts[i], new Dictionary<string, string>(common)
            {
                ["Gateway__CheckoutsPerMinute"] = "1000",
                ["Gateway__RequestsPerMinute"] = "100000",
                ["Jwt__AccessTokenMinutes"] = "60",
                ["Jwt__Issuer"] = "commerce-bench",
                ["Jwt__Audience"] = "commerce-bench-clients",
                ["Jwt__SigningKey"] = secrets.JwtSigningKey,
                ["Warehouse__WebhookSecrets__0"] = secrets.WarehouseWebhookSecret,
            });
            health.Add(new Uri($"http://127.0.0.1:{apiPorts[i]}/health/ready"));
            metrics.Add(new Uri($"http://127.0.0.1:{apiPorts[i]}/metrics"));
        }

        for (var i = 0; i < shape.WorkerInstances; i++)
        {
            var port = FreePort();
            Start($"workers-{i + 1}", "Commerce.Workers", port, new Dictionary<string, string>(common)
            {
                ["Stripe__ApiBase"] = Sandbox.ToString(),
                ["SendGrid__Host"] = Sandbox.ToString(),
                ["Warehouse__BaseUrl"] = Sandbox.ToString(),
                ["Stripe__ApiKey"] = secrets.StripeApiKey,
                ["SendGrid__ApiKey"] = secrets.SendGridApiKey,
                ["SendGrid__FromEmail"] = "orders@bench.invalid",
                ["SendGrid__FromName"] = "Commerce (bench)",
            });
            health.Add(new Uri($"http://127.0.0.1:{port}/health/ready"));
            metrics.Add(new Uri($"http://127.0.0.1:{port}/metrics"));
        }

        MetricsEndpoints = metrics;

        foreach (var url in health)
        {
            await WaitHealthyAsync(url, TimeSpan.FromSeconds(120), cancellationToken);
        }
    }

    private void Start(string name, string project, int port, Dictionary<string, string> environment)
    {
        var process = new ManagedProcess(
            name,
            Path.Combine(RepositoryLayout.BuildOutput(project), $"{project}.dll"),
            ["--urls", $"http://127.0.0.1:{port}"],
            environment,
            Path.Combine(LogDirectory, $"{name}.log"));
        process.Start();
        _processes.Add(process);
    }

    /// <summary>Polls a health URL until it answers 2xx; used at start and after every restart.</summary>
    public static async Task WaitHealthyAsync(Uri url, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{url} not healthy after {deadline.TotalSeconds:0} s");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (KeepForInspection.Requested)
        {
            await Console.Error.WriteLineAsync($"bench: kept database and vhost {Name}");
            return;
        }

        try
        {
            using var management = CreateManagementClient();
            await management.DeleteVirtualHostAsync(Name, CancellationToken.None);
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_services.PostgresConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is HttpRequestException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"bench: could not remove {Name} ({e.Message}); remove it by hand");
        }
    }
}

/// <summary>How many of each process to run, and how many products with how much stock each.</summary>
public sealed record SystemShape(string Purpose, int ApiInstances, int WorkerInstances, int InitialStock, int Products = 1);
