using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Persistence.Configuration;

public static class PersistenceRegistrationExtensions
{
    /// <summary>
    /// Registers <see cref="CommerceDbContext"/> on PostgreSQL with validated options, and its
    /// readiness check (<c>postgres</c>) with the tag the host's readiness endpoint selects.
    /// </summary>
    public static IServiceCollection AddCommercePersistence(this IServiceCollection services, IConfiguration configuration, string readinessTag)
    {
        services.AddOptions<PostgresOptions>()
            .Bind(configuration.GetSection(PostgresOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContext<CommerceDbContext>((sp, db) =>
            Configure(db, sp.GetRequiredService<IOptions<PostgresOptions>>().Value.EffectiveConnectionString()));
        services.AddHealthChecks().AddDbContextCheck<CommerceDbContext>("postgres", tags: [readinessTag]);
        return services;
    }

    /// <summary>A context of its own on <paramref name="connectionString"/>, outside dependency injection (tools, tests, design time).</summary>
    public static CommerceDbContext Open(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CommerceDbContext>();
        Configure(builder, connectionString);
        return new CommerceDbContext(builder.Options);
    }

    /// <summary>The one place that says how the context talks to PostgreSQL (also used at design time).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
    }
}
