using Commerce.Persistence;
using Commerce.Persistence.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.LocalSystem;

/// <summary>
/// A database of its own on the shared PostgreSQL, migrated, and dropped on dispose, so runs at the
/// same time (test suites, a bench) never see each other's rows.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly LocalServices _services;

    private ThrowawayDatabase(LocalServices services, string name)
    {
        _services = services;
        Name = name;
        ConnectionString = services.ConnectionStringFor(name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A database named after <paramref name="purpose"/> and made unique.</summary>
    public static Task<ThrowawayDatabase> CreateAsync(string purpose, bool migrate = true) =>
        CreateNamedAsync($"commerce_test_{purpose}_{Guid.NewGuid():N}"[..48].ToLowerInvariant(), migrate, CancellationToken.None);

    public static async Task<ThrowawayDatabase> CreateNamedAsync(string name, bool migrate, CancellationToken cancellationToken)
    {
        var services = LocalServices.Current;
        await using (var admin = new NpgsqlConnection(services.PostgresConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new ThrowawayDatabase(services, name);
        if (migrate)
        {
            await using var db = database.CreateContext();
            await db.Database.MigrateAsync(cancellationToken);
        }

        return database;
    }

    public CommerceDbContext CreateContext() => PersistenceRegistrationExtensions.Open(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_services.PostgresConnectionString);
        await admin.OpenAsync();
        // FORCE may not end an autovacuum worker, which runs as the superuser, not as the database's
        // owner (42501); it finishes its table soon, so try again until the deadline.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
