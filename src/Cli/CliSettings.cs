using Commerce.LocalSystem;
using Commerce.Persistence;
using Commerce.Persistence.Configuration;

namespace Commerce.Cli;

/// <summary>
/// Where the CLI finds the system: the same environment variables the hosts read
/// (<see cref="LocalServices"/>), with the local defaults that <c>./commerce up</c> sets up.
/// </summary>
internal static class CliSettings
{
    public static LocalServices Services => LocalServices.Current;

    /// <summary>The database, with the hosts' short connect timeout (a stopped PostgreSQL answers in seconds, not 15).</summary>
    public static CommerceDbContext OpenDatabase() =>
        PersistenceRegistrationExtensions.Open(new PostgresOptions { ConnectionString = Services.PostgresConnectionString, MaxPoolSize = 2 }.EffectiveConnectionString());
}
