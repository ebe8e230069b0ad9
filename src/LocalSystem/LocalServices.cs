using System.Globalization;
using Commerce.Messaging.Configuration;
using Commerce.Operations.Management;
using Npgsql;

namespace Commerce.LocalSystem;

/// <summary>
/// Where PostgreSQL, RabbitMQ and Redis (durable keys and cache) are: the variables the hosts read, which <c>./commerce</c>
/// exports from infra/env/local.env; the fallbacks match that file, so a test also runs from an IDE.
/// RabbitMQ has three users (docs/adr/0033): the hosts' AMQP user, the operations user of the
/// management API and dead letters, and a local administrator that only the local tooling uses to
/// create and delete throwaway virtual hosts; no host is ever given the administrator.
/// </summary>
public sealed record LocalServices(
    string PostgresConnectionString,
    string RedisConfiguration,
    string RedisCacheConfiguration,
    string RabbitMqHost,
    int RabbitMqPort,
    string RabbitMqVirtualHost,
    string RabbitMqUsername,
    string RabbitMqPassword,
    Uri RabbitMqManagementUrl,
    string RabbitMqManagementUsername,
    string RabbitMqManagementPassword,
    string RabbitMqAdminUsername,
    string RabbitMqAdminPassword)
{
    /// <summary>Read once: the environment does not change while a process runs.</summary>
    public static LocalServices Current { get; } = FromEnvironment();

    public static LocalServices FromEnvironment() => new(
        Get("Postgres__ConnectionString", "Host=localhost;Port=5432;Database=commerce;Username=commerce;Password=commerce;SSL Mode=Disable"),
        Get("Redis__Configuration", "localhost:6379"),
        Get("Redis__CacheConfiguration", "localhost:6380"),
        Get("RabbitMq__Host", "localhost"),
        int.TryParse(Get("RabbitMq__Port", "5672"), CultureInfo.InvariantCulture, out var port) ? port : 5672,
        Get("RabbitMq__VirtualHost", "commerce"),
        Get("RabbitMq__Username", "commerce"),
        Get("RabbitMq__Password", "commerce"),
        new Uri(Get("RabbitMq__ManagementUrl", "http://localhost:15672")),
        Get("RabbitMq__ManagementUsername", "commerce-ops"),
        Get("RabbitMq__ManagementPassword", "commerce-ops"),
        Get("RabbitMqAdmin__Username", "commerce-admin"),
        Get("RabbitMqAdmin__Password", "commerce-admin"));

    /// <summary>The same server and credentials, another database.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// The settings a host needs to reach these services, pointed at the given database and
    /// virtual host, as configuration keys (<c>Postgres:ConnectionString</c>); see
    /// <see cref="HostEnvironment"/> for the same as environment variables. A host outside
    /// Development refuses the committed passwords, so it is given <paramref name="credentials"/> of its own run.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostSettings(string postgresConnectionString, string? virtualHost = null, RunCredentials? credentials = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Postgres:ConnectionString"] = postgresConnectionString,
            ["Redis:Configuration"] = RedisConfiguration,
            ["Redis:CacheConfiguration"] = RedisCacheConfiguration,
            ["RabbitMq:Host"] = RabbitMqHost,
            ["RabbitMq:VirtualHost"] = virtualHost ?? RabbitMqVirtualHost,
            ["RabbitMq:Username"] = RabbitMqUsername,
            ["RabbitMq:Password"] = RabbitMqPassword,
            ["RabbitMq:ManagementUrl"] = RabbitMqManagementUrl.ToString(),
            ["RabbitMq:ManagementUsername"] = RabbitMqManagementUsername,
            ["RabbitMq:ManagementPassword"] = RabbitMqManagementPassword,
        };
        credentials?.ApplyTo(settings);
        return settings;
    }

    /// <summary><see cref="HostSettings"/> as a child process's environment (<c>Postgres__ConnectionString</c>).</summary>
    public Dictionary<string, string> HostEnvironment(string postgresConnectionString, string? virtualHost = null, RunCredentials? credentials = null) =>
        HostSettings(postgresConnectionString, virtualHost, credentials).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);

    /// <summary>A client of the broker's management API as the operations user; the caller disposes it.</summary>
    public RabbitMqManagementClient CreateManagementClient() => new(RabbitMqManagementUrl, RabbitMqManagementUsername, RabbitMqManagementPassword);

    /// <summary>A client of the management API as the local administrator, for creating and deleting virtual hosts only.</summary>
    public RabbitMqManagementClient CreateAdministratorClient() => new(RabbitMqManagementUrl, RabbitMqAdminUsername, RabbitMqAdminPassword);

    /// <summary>What the dead-letter tooling needs to reach <paramref name="virtualHost"/> as the operations user.</summary>
    public RabbitMqOptions OperationsOptions(string? virtualHost = null) => new()
    {
        Host = RabbitMqHost,
        Port = RabbitMqPort,
        VirtualHost = virtualHost ?? RabbitMqVirtualHost,
        Username = RabbitMqUsername,
        Password = RabbitMqPassword,
        ManagementUrl = RabbitMqManagementUrl.ToString(),
        ManagementUsername = RabbitMqManagementUsername,
        ManagementPassword = RabbitMqManagementPassword,
    };

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
