using Commerce.Persistence;
using Commerce.Persistence.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.TestSupport;

/// <summary>
/// A freshly migrated database of its own on the real PostgreSQL, dropped on dispose, so suites
/// running at the same time never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string purpose, bool migrate = true)
    {
        var name = $"commerce_test_{purpose}_{Guid.NewGuid():N}"[..48].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(TestServices.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = name }.ConnectionString;
        var database = new TestDatabase(name, connectionString);
        if (migrate)
        {
            await using var db = database.CreateContext();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public CommerceDbContext CreateContext() => PersistenceRegistrationExtensions.Open(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await admin.OpenAsync();
        // FORCE may not end an autovacuum worker, which runs as the superuser, not as the test's
        // role (42501); it finishes its table soon, so try again until the deadline.
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
