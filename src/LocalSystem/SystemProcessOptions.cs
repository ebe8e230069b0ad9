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

    /// <summary>Where each process's output is appended (<c>api-1.log</c>, …); none when null.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Settings layered over the defaults, per host, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> SandboxSettings { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc cref="SandboxSettings"/>
    public IReadOnlyDictionary<string, string> ApiSettings { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc cref="SandboxSettings"/>
    public IReadOnlyDictionary<string, string> WorkerSettings { get; init; } = new Dictionary<string, string>();

    public TimeSpan HealthDeadline { get; init; } = TimeSpan.FromSeconds(120);
}
