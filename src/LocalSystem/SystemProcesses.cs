namespace Commerce.LocalSystem;

/// <summary>
/// The system as <c>./commerce up</c> runs it: the Sandbox, the Api and the Workers as real processes
/// from their built assemblies, wired to each other (the Workers' providers to the Sandbox, the
/// Sandbox's warehouse webhook to the Api) and to the shared services.
/// </summary>
public sealed class SystemProcesses : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];
    private readonly List<Uri> _apis = [];
    private readonly List<Uri> _metrics = [];
    private readonly List<Uri> _health = [];
    private RunCredentials? _credentials;

    private SystemProcesses(Uri sandbox)
    {
        Sandbox = sandbox;
    }

    public Uri Sandbox { get; }

    /// <summary>The connection string the Api and Workers were given: their run's own role outside Development.</summary>
    public string HostsConnectionString { get; private set; } = string.Empty;

    /// <summary>The first Api instance.</summary>
    public Uri Api => _apis[0];

    public IReadOnlyList<Uri> Apis => _apis;

    public IReadOnlyList<ChildProcess> Processes => _processes;

    public IReadOnlyList<ChildProcess> Workers => [.. _processes.Where(p => p.Name.StartsWith("workers", StringComparison.Ordinal))];

    /// <summary>The Prometheus endpoints of the Api and Workers processes (the ones that talk to PostgreSQL).</summary>
    public IReadOnlyList<Uri> MetricsEndpoints => _metrics;

    /// <summary>Starts every process and waits until each is healthy; on failure stops them and says which one did not come up, with the output.</summary>
    public static async Task<SystemProcesses> StartAsync(SystemProcessOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var system = new SystemProcesses(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        try
        {
            // Outside Development the hosts refuse the committed local passwords.
            if (options.Environment != "Development")
            {
                system._credentials = await RunCredentials.CreateAsync(options.VirtualHost, options.VirtualHost, cancellationToken);
            }

            system.StartAll(options);
            foreach (var url in system._health)
            {
                await HealthWait.UntilHealthyAsync(url, options.HealthDeadline, cancellationToken);
            }
        }
        catch (TimeoutException e)
        {
            var output = system.Output();
            await system.DisposeAsync();
            throw new TimeoutException($"{e.Message}\n{output}", e);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    /// <summary>The processes' recent output, for failure messages.</summary>
    public string Output() => string.Join("\n", _processes.Select(p => p.Output is { Length: > 2000 } o ? o[^2000..] : p.Output));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_credentials is not null)
        {
            await _credentials.DisposeAsync();
        }
    }

    private void StartAll(SystemProcessOptions options)
    {
        if (options.LogDirectory is not null)
        {
            Directory.CreateDirectory(options.LogDirectory);
        }

        var common = LocalServices.Current.HostEnvironment(options.PostgresConnectionString, options.VirtualHost, _credentials);
        HostsConnectionString = common["Postgres__ConnectionString"];
        common["ASPNETCORE_ENVIRONMENT"] = options.Environment;
        common["DOTNET_ENVIRONMENT"] = options.Environment;
        if (options.ProductionLogging)
        {
            // What the hosts' own defaults write outside Development (ServiceDefaults' JSON console).
            common["Logging__Console__FormatterName"] = "json";
            common["Logging__Console__FormatterOptions__IncludeScopes"] = "true";
        }
        else
        {
            common["Logging__LogLevel__Default"] = "Warning";
        }

        var apiPorts = Enumerable.Range(0, options.ApiInstances).Select(_ => FreePort.Next()).ToList();
        _apis.AddRange(apiPorts.Select(port => new Uri($"http://127.0.0.1:{port}/")));
        Start(options, "sandbox", "Commerce.Sandbox", Sandbox.Port, Layer(common, new Dictionary<string, string>
        {
            ["Sandbox__Warehouse__WebhookUrl"] = $"{Api}api/v1/webhooks/warehouse",
        }, options.SandboxSettings), "health/live");

        // Load checks out far more than a shopper's 10 a minute, from few accounts, and registers
        // and signs in every shopper from this one address; the counters are in the shared Redis, so
        // the demo accounts' sign-ins of every suite and run of the last minute add up.
        var api = Layer(common, new Dictionary<string, string>
        {
            ["Gateway__CheckoutsPerMinute"] = "1000",
            ["Gateway__RequestsPerMinute"] = "100000",
            ["Gateway__LoginAttemptsPerMinute"] = "1000",
            ["Gateway__LoginAttemptsPerAddressPerMinute"] = "100000",
            ["Gateway__LoginFailuresBeforeBackoff"] = "10000",
            ["Gateway__PasswordHashQueueLimit"] = "10000",
            ["Gateway__RegistrationsPerAddressPerMinute"] = "100000",
        }, options.ApiSettings);
        for (var i = 0; i < apiPorts.Count; i++)
        {
            Start(options, $"api-{i + 1}", "Commerce.Api", apiPorts[i], api, "health/ready");
        }

        var workers = Layer(common, new Dictionary<string, string>
        {
            ["Stripe__ApiBase"] = Sandbox.ToString(),
            ["SendGrid__Host"] = Sandbox.ToString(),
            ["Warehouse__BaseUrl"] = Sandbox.ToString(),
        }, options.WorkerSettings);
        for (var i = 0; i < options.WorkerInstances; i++)
        {
            Start(options, $"workers-{i + 1}", "Commerce.Workers", FreePort.Next(), workers, "health/ready");
        }
    }

    private void Start(SystemProcessOptions options, string name, string project, int port, IReadOnlyDictionary<string, string> environment, string health)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var process = new ChildProcess(
            name,
            RepositoryPaths.HostAssembly(project),
            ["--urls", baseUrl.ToString().TrimEnd('/')],
            environment,
            options.LogDirectory is null ? null : Path.Combine(options.LogDirectory, $"{name}.log"));
        _processes.Add(process);
        process.Start();
        _health.Add(new Uri(baseUrl, health));
        if (project != "Commerce.Sandbox")
        {
            _metrics.Add(new Uri(baseUrl, "metrics"));
        }
    }

    private static Dictionary<string, string> Layer(IReadOnlyDictionary<string, string> common, IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> overrides)
    {
        var all = new Dictionary<string, string>(common, StringComparer.Ordinal);
        foreach (var (key, value) in defaults.Concat(overrides))
        {
            all[key] = value;
        }

        return all;
    }
}
