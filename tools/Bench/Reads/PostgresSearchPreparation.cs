using Commerce.Bench.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Bench.Reads;

/// <summary>
/// PostgreSQL full-text search reads the GIN index over the generated column, which the inserts
/// kept up to date; but autovacuum analyses a table some time after a bulk insert, and until then
/// the planner guesses the catalog's size. Analysed now, the first step measures the plans a
/// catalog in service gets.
/// </summary>
public sealed class PostgresSearchPreparation : IReadBackendPreparation
{
    public async Task<string?> PrepareAsync(SystemUnderTest system, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(status);
        status("analysing the products table");
        await using var db = system.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE products", cancellationToken);
        return null;
    }
}
