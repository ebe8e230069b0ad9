namespace Commerce.TestSupport;

/// <summary>
/// Where the real services are. <c>./commerce test</c> exports the same variables the hosts read
/// (infra/env/local.env); the fallbacks match that file so a test also runs from an IDE.
/// </summary>
public static class TestServices
{
    public static string PostgresConnectionString => Get("Postgres__ConnectionString", "Host=localhost;Port=5432;Database=commerce;Username=commerce;Password=commerce;SSL Mode=Disable");

    public static string RedisConfiguration => Get("Redis__Configuration", "localhost:6379");

    public static string RabbitMqHost => Get("RabbitMq__Host", "localhost");

    public static string RabbitMqVirtualHost => Get("RabbitMq__VirtualHost", "commerce");

    public static string RabbitMqUsername => Get("RabbitMq__Username", "commerce");

    public static string RabbitMqPassword => Get("RabbitMq__Password", "commerce");

    public static Uri RabbitMqManagementUrl => new(Get("RabbitMq__ManagementUrl", "http://localhost:15672"));

    /// <summary>The settings a host needs, as configuration keys, pointed at the given database.</summary>
    public static IReadOnlyDictionary<string, string> HostSettings(string postgresConnectionString) => new Dictionary<string, string>
    {
        ["Postgres:ConnectionString"] = postgresConnectionString,
        ["Redis:Configuration"] = RedisConfiguration,
        ["RabbitMq:Host"] = RabbitMqHost,
        ["RabbitMq:VirtualHost"] = RabbitMqVirtualHost,
        ["RabbitMq:Username"] = RabbitMqUsername,
        ["RabbitMq:Password"] = RabbitMqPassword,
    };

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
