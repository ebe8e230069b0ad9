using Commerce.LocalSystem;
using Commerce.Persistence;
using Commerce.Persistence.Configuration;
using Commerce.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>The search settings and clients, from the same <c>Search__…</c> variables the hosts read.</summary>
    public static ServiceProvider SearchServices() =>
        new ServiceCollection().AddLogging().AddCommerceSearch(EnvironmentSettings()).BuildServiceProvider();

    public static SearchBackend SearchBackend =>
        EnvironmentSettings().GetSection(SearchOptions.SectionName).Get<SearchOptions>()?.Backend ?? SearchBackend.Postgres;

    private static IConfigurationRoot EnvironmentSettings() => new ConfigurationBuilder().AddEnvironmentVariables().Build();
}
