using Commerce.Persistence;
using Commerce.Persistence.Catalog;
using Commerce.Search;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Operations.Search;

/// <summary>
/// Builds a new index from PostgreSQL while searches and the indexer keep using the alias, then
/// moves the alias in one request and deletes the old index. Changes the indexer wrote through the
/// alias during the build landed in the old index only; after the swap a second read of the table
/// copies every product whose version moved since it was read, and a tombstone for every product
/// deleted meanwhile. External versions make each write safe against the indexer's own.
/// </summary>
public sealed class SearchIndexRebuild(CommerceDbContext db, ProductIndexAdministration index, ProductIndexWriter writer)
{
    private const int PageSize = 500;

    public async Task<SearchIndexRebuildResult> RunAsync(Action<int, int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var oldIndices = await index.AliasTargetsAsync(cancellationToken);
        var newIndex = await index.CreateIndexAsync(cancellationToken);
        var total = await db.Products.CountAsync(cancellationToken);
        var seen = new Dictionary<Guid, long>();
        progress(0, total);
        await foreach (var page in PagesAsync(cancellationToken))
        {
            await writer.UpsertIntoAsync(newIndex, [.. page.Select(DocumentOf)], cancellationToken);
            foreach (var product in page)
            {
                seen[product.Id] = product.Version;
            }

            progress(seen.Count, Math.Max(total, seen.Count));
        }

        await index.SwapAliasAsync(newIndex, oldIndices, cancellationToken);

        var current = await db.Products.AsNoTracking().Select(p => new { p.Id, p.Version }).ToDictionaryAsync(p => p.Id, p => p.Version, cancellationToken);
        var movedIds = current.Where(p => !seen.TryGetValue(p.Key, out var version) || version < p.Value).Select(p => p.Key).ToList();
        var moved = await db.Products.AsNoTracking().Where(p => movedIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var deleted = seen.Keys.Where(id => !current.ContainsKey(id)).Select(id => ProductDocument.Tombstone(id, seen[id] + 1)).ToList();
        await writer.UpsertIntoAsync(newIndex, [.. moved.Select(DocumentOf), .. deleted], cancellationToken);

        foreach (var product in moved)
        {
            seen[product.Id] = product.Version;
        }

        await SearchIndexState.MarkIndexedAsync(db, [.. seen.Where(p => current.ContainsKey(p.Key)).Select(p => (p.Key, p.Value))], cancellationToken);
        foreach (var old in oldIndices)
        {
            await index.DeleteIndexAsync(old, cancellationToken);
        }

        return new SearchIndexRebuildResult(newIndex, oldIndices, seen.Count - deleted.Count, moved.Count + deleted.Count);
    }

    /// <summary>The table in id order, a page at a time (keyset: no offset scans, no long transaction).</summary>
    private async IAsyncEnumerable<List<Product>> PagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var query = db.Products.AsNoTracking();
            if (after is { } last)
            {
                query = query.Where(p => p.Id.CompareTo(last) > 0);
            }

            var page = await query.OrderBy(p => p.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            after = page[^1].Id;
        }
    }

    private static ProductDocument DocumentOf(Product p) =>
        new(p.Id, p.Sku, p.Name, p.Description, p.Category, p.Price, p.Currency.Trim(), p.Version, Deleted: false);
}

/// <summary>What <see cref="SearchIndexRebuild"/> did: the new index, the ones it replaced, products indexed, and changes caught up after the swap.</summary>
public sealed record SearchIndexRebuildResult(string Index, IReadOnlyList<string> Replaced, int Products, int CaughtUp);
