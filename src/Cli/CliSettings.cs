using Commerce.Persistence;
using Commerce.Persistence.Configuration;

namespace Commerce.Cli;

/// <summary>
/// Where the CLI finds the system: the same environment variables the hosts read, with the
/// local defaults that <c>./commerce up</c> sets up.
/// </summary>
internal static class CliSettings
{
    public static string PostgresConnectionString =>
        Get("Postgres__ConnectionString", "Host=localhost;Port=5432;Database=commerce;Username=commerce;Password=commerce;SSL Mode=Disable");

    public static string RabbitMqHost => Get("RabbitMq__Host", "localhost");

    public static int RabbitMqPort => int.TryParse(Get("RabbitMq__Port", "5672"), System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 5672;

    public static Uri RabbitMqManagementUrl => new(Get("RabbitMq__ManagementUrl", "http://localhost:15672"));

    public static string RabbitMqVirtualHost => Get("RabbitMq__VirtualHost", "commerce");

    public static string RabbitMqUsername => Get("RabbitMq__Username", "commerce");

    public static string RabbitMqPassword => Get("RabbitMq__Password", "commerce");

    /// <summary>The database, with the hosts' short connect timeout (a stopped PostgreSQL answers in seconds, not 15).</summary>
    public static CommerceDbContext OpenDatabase() =>
        PersistenceRegistrationExtensions.Open(new PostgresOptions { ConnectionString = PostgresConnectionString, MaxPoolSize = 2 }.EffectiveConnectionString());

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
