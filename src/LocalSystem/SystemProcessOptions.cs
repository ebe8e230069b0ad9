namespace Commerce.LocalSystem;

/// <summary>What <see cref="SystemProcesses"/> starts, and on which database and virtual host.</summary>
public sealed record SystemProcessOptions
{
    public required string PostgresConnectionString { get; init; }

    public required string VirtualHost { get; init; }

    /// <summary>The hosts' environment: Development brings appsettings.Development.json (its committed keys, the OpenAPI pages).</summary>
    public string Environment { get; init; } = "Development";

    public int ApiInstances { get; init; } = 1;

    public int WorkerInstances { get; init; } = 1;

    /// <summary>Where each process's output is appended, all of it (<c>api-1.log</c>, …); none when null.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>
    /// False (the default) turns every host down to Warning, so their start-up chatter does not drown a
    /// test's output; true has them log as a deployment does: at the levels their own settings give
    /// (Information) and as JSON lines with scopes, for a test that reads what production would write.
    /// </summary>
    public bool ProductionLogging { get; init; }

    /// <summary>Settings layered over the defaults, per host, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> SandboxSettings { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc cref="SandboxSettings"/>
    public IReadOnlyDictionary<string, string> ApiSettings { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc cref="SandboxSettings"/>
    public IReadOnlyDictionary<string, string> WorkerSettings { get; init; } = new Dictionary<string, string>();

    public TimeSpan HealthDeadline { get; init; } = TimeSpan.FromSeconds(120);
}
