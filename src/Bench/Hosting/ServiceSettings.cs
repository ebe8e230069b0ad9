using Npgsql;

namespace Commerce.Bench.Hosting;

/// <summary>
/// Where PostgreSQL, RabbitMQ and Redis are: the variables of infra/env/local.env that
/// <c>./commerce</c> exports, so the bench runs on the same services as everything else.
/// </summary>
public sealed record ServiceSettings(
    string PostgresConnectionString,
    string RedisConfiguration,
    string RabbitMqHost,
    string RabbitMqUsername,
    string RabbitMqPassword,
    Uri RabbitMqManagementUrl)
{
    public static ServiceSettings FromEnvironment() => new(
        Get("Postgres__ConnectionString", "Host=localhost;Port=5432;Database=commerce;Username=commerce;Password=commerce;SSL Mode=Disable"),
        Get("Redis__Configuration", "localhost:6379"),
        Get("RabbitMq__Host", "localhost"),
        Get("RabbitMq__Username", "commerce"),
        Get("RabbitMq__Password", "commerce"),
        new Uri(Get("RabbitMq__ManagementUrl", "http://localhost:15672")));

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = database }.ConnectionString;

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
