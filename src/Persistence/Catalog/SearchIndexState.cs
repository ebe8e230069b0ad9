using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence.Catalog;

/// <summary>
/// How far the search index has caught up with the catalog: the indexer and the rebuild record the
/// versions they wrote (<see cref="Product.IndexedVersion"/>), <c>./commerce status</c> reads the lag.
/// </summary>
public static class SearchIndexState
{
    /// <summary>Raises each product's indexed version to the one written, never lowers it.</summary>
    public static async Task MarkIndexedAsync(CommerceDbContext db, IReadOnlyCollection<(Guid ProductId, long Version)> written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(written);
        if (written.Count == 0)
        {
            return;
        }

        var ids = written.Select(w => w.ProductId).ToArray();
        var versions = written.Select(w => w.Version).ToArray();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE products AS p SET indexed_version = v.version
            FROM unnest({ids}::uuid[], {versions}::bigint[]) AS v(id, version)
            WHERE p.id = v.id AND p.indexed_version < v.version
            """,
            cancellationToken);
    }

    /// <summary>Products whose last change is not yet in the index, and when the oldest of those changes was made.</summary>
    public static async Task<SearchIndexLag> LagAsync(CommerceDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var behind = db.Products.AsNoTracking().Where(p => p.IndexedVersion < p.Version);
        var count = await behind.CountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTimeOffset?)null : await behind.MinAsync(p => (DateTimeOffset?)p.UpdatedAt, cancellationToken);
        return new SearchIndexLag(count, oldest);
    }
}

/// <summary>See <see cref="SearchIndexState.LagAsync"/>.</summary>
public sealed record SearchIndexLag(int Unindexed, DateTimeOffset? OldestChange);
