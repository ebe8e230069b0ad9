using System.Globalization;
using Commerce.LocalSystem;
using Commerce.Persistence;
using Commerce.Persistence.Catalog;

namespace Commerce.Bench.Hosting;

/// <summary>
/// The whole system as <c>./commerce up</c> runs it (<see cref="SystemProcesses"/>) on a database and
/// a RabbitMQ virtual host of its own, with the load-test settings a bench needs: production
/// settings with secrets of the run's own, one or more products with plenty of stock.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    public const decimal ProductPrice = 12.50m;

    private readonly ThrowawayDatabase _database;
    private readonly ThrowawayVirtualHost _virtualHost;
    private SystemProcesses? _processes;

    private SystemUnderTest(ThrowawayDatabase database, ThrowawayVirtualHost virtualHost, string logDirectory)
    {
        _database = database;
        _virtualHost = virtualHost;
        LogDirectory = logDirectory;
    }

    /// <summary>The database and virtual host name, and the prefix of the log files.</summary>
    public string Name => _database.Name;

    public string ConnectionString => _database.ConnectionString;

    /// <inheritdoc cref="SystemProcesses.HostsConnectionString"/>
    public string HostsConnectionString => Started.HostsConnectionString;

    public string LogDirectory { get; }

    public Uri Api => Started.Api;

    public Uri Sandbox => Started.Sandbox;

    /// <summary>The products the load buys, each with <see cref="SystemShape.InitialStock"/> units.</summary>
    public IReadOnlyList<Guid> ProductIds { get; private set; } = [];

    public Guid ProductId => ProductIds[0];

    public IReadOnlyList<ChildProcess> Workers => Started.Workers;

    public IReadOnlyList<ChildProcess> Processes => Started.Processes;

    /// <inheritdoc cref="SystemProcesses.MetricsEndpoints"/>
    public IReadOnlyList<Uri> MetricsEndpoints => Started.MetricsEndpoints;

    private SystemProcesses Started => _processes ?? throw new InvalidOperationException("the system's processes have not started");

    public static async Task<SystemUnderTest> StartAsync(SystemShape shape, string logDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var name = $"commerce_{shape.Purpose}_{DateTime.UtcNow:MMddHHmmss}";
        var database = await ThrowawayDatabase.CreateNamedAsync(name, migrate: true, cancellationToken);
        ThrowawayVirtualHost virtualHost;
        try
        {
            virtualHost = await ThrowawayVirtualHost.CreateNamedAsync(name, cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        var system = new SystemUnderTest(database, virtualHost, logDirectory);
        try
        {
            // Statements per order come from pg_stat_statements (Measure/ResourceSampler).
            await LocalPostgres.TryCreateExtensionAsync(name, "pg_stat_statements", cancellationToken);
            system.ProductIds = await system.AddStockedProductsAsync(shape, cancellationToken);
            system._processes = await SystemProcesses.StartAsync(Options(shape, system), cancellationToken);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    public CommerceDbContext CreateContext() => _database.CreateContext();

    /// <summary>
    /// A client of the first Api for open-model load: enough connections that requests never queue
    /// in the client, and a timeout that turns a stalled request into a failure instead of a hang.
    /// </summary>
    public HttpClient CreateApiClient() =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = Api,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Adds one product to the catalog with <paramref name="stock"/> units available.</summary>
    public async Task<Guid> AddProductAsync(string sku, string name, decimal price, int stock, CancellationToken cancellationToken)
    {
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
        return (await AddProductsAsync([product], cancellationToken))[0];
    }

    /// <summary>Adds these products in one transaction (EF batches the inserts); returns their ids in order.</summary>
    public async Task<IReadOnlyList<Guid>> AddProductsAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        await using var db = CreateContext();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(cancellationToken);
        return [.. products.Select(p => p.Id)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_processes is not null)
        {
            await _processes.DisposeAsync();
        }

        await KeepForInspection.RemoveAsync($"vhost {Name}", _virtualHost);
        await KeepForInspection.RemoveAsync($"database {Name}", _database);
    }

    private async Task<IReadOnlyList<Guid>> AddStockedProductsAsync(SystemShape shape, CancellationToken cancellationToken)
    {
        var products = new List<Guid>();
        for (var i = 1; i <= shape.Products; i++)
        {
            products.Add(await AddProductAsync($"BENCH-{i:0000}", $"Benchmark mug {i}", ProductPrice, shape.InitialStock, cancellationToken));
        }

        return products;
    }

    /// <summary>
    /// Staging: as deployed, but with the sandbox over plain http, which only Production refuses.
    /// Development would bring appsettings.Development.json's committed keys, prose logs and the OpenAPI pages. What production takes from the environment instead
    /// comes from <see cref="RunSecrets"/>, new for every run and never written anywhere but the
    /// children's environment.
    /// </summary>
    private static SystemProcessOptions Options(SystemShape shape, SystemUnderTest system)
    {
        var secrets = RunSecrets.Create();
        return new SystemProcessOptions
        {
            PostgresConnectionString = system.ConnectionString,
            VirtualHost = system.Name,
            Environment = "Staging",
            ApiInstances = shape.ApiInstances,
            WorkerInstances = shape.WorkerInstances,
            LogDirectory = system.LogDirectory,
            SandboxSettings = new Dictionary<string, string>
            {
                ["Sandbox__Warehouse__DispatchAfter"] = BenchWarehouse.DispatchAfter.ToString("c", CultureInfo.InvariantCulture),
                ["Sandbox__Warehouse__DeliverAfter"] = BenchWarehouse.DeliverAfter.ToString("c", CultureInfo.InvariantCulture),
                ["Sandbox__Warehouse__WebhookSecret"] = secrets.WarehouseWebhookSecret,
            },
            ApiSettings = WithHostSettings(shape, new Dictionary<string, string>
            {
                ["Jwt__AccessTokenMinutes"] = "60",
                ["Jwt__Issuer"] = "commerce-bench",
                ["Jwt__Audience"] = "commerce-bench-clients",
                ["Jwt__SigningKey"] = secrets.JwtSigningKey,
                ["Warehouse__WebhookSecrets__0"] = secrets.WarehouseWebhookSecret,
            }),
            WorkerSettings = WithHostSettings(shape, new Dictionary<string, string>
            {
                ["Stripe__ApiKey"] = secrets.StripeApiKey,
                ["SendGrid__ApiKey"] = secrets.SendGridApiKey,
                ["SendGrid__FromEmail"] = "orders@bench.invalid",
                ["SendGrid__FromName"] = "Commerce (bench)",
            }),
        };
    }

    private static Dictionary<string, string> WithHostSettings(SystemShape shape, Dictionary<string, string> settings)
    {
        foreach (var (key, value) in shape.HostSettings)
        {
            settings[key] = value;
        }

        return settings;
    }
}
