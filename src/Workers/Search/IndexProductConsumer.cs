using Commerce.Contracts.Catalog;
using Commerce.Persistence;
using Commerce.Search;
using MassTransit;
using Commerce.Persistence.Catalog;

namespace Commerce.Workers.Search;

/// <summary>
/// Catalog changes into Elasticsearch, several in one bulk request. Safe to repeat and to reorder
/// without an inbox: every document carries its product's version as the external version, so an
/// older copy arriving late, or a redelivered one, changes nothing. Afterwards the products'
/// <c>indexed_version</c> records what is searchable, for the index lag in <c>./commerce status</c>.
/// </summary>
public sealed class IndexProductConsumer(ProductIndexWriter writer, CommerceDbContext db) : IConsumer<Batch<ProductChanged>>
{
    public async Task Consume(ConsumeContext<Batch<ProductChanged>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Within one batch only the newest change of each product matters.
        var latest = context.Message
            .Select(m => m.Message)
            .GroupBy(m => m.ProductId)
            .Select(g => g.MaxBy(m => m.Version)!)
            .ToList();
        await writer.UpsertAsync([.. latest.Select(DocumentOf)], context.CancellationToken);
        await SearchIndexState.MarkIndexedAsync(db, [.. latest.Where(m => !m.Deleted).Select(m => (m.ProductId, m.Version))], context.CancellationToken);
    }

    private static ProductDocument DocumentOf(ProductChanged change) => change.Deleted
        ? ProductDocument.Tombstone(change.ProductId, change.Version)
        : new ProductDocument(change.ProductId, change.Sku, change.Name, change.Description, change.Category, change.Price, change.Currency, change.Version, Deleted: false);
}
