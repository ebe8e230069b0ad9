using Commerce.Persistence;
using Commerce.Search;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Ranking, typo tolerance, facets and highlights from Elasticsearch; the products themselves from
/// PostgreSQL by id, so prices and stock are the table's, never the index's copy (the Workers move
/// stock without telling the index). A product the index still has but the table no longer has is
/// left out of the page.
/// </summary>
internal sealed class ElasticsearchProductSearch(ProductSearcher searcher, SearchResilience resilience, CommerceDbContext db) : IProductSearch
{
    public async Task<ProductSearchResponse> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var criteria = new ProductSearchCriteria(query.Q, query.Category, query.MinPrice, query.MaxPrice, query.Page, query.PageSize);
        var result = await resilience.Pipeline.ExecuteAsync(async ct => await searcher.SearchAsync(criteria, ct), cancellationToken);
        var ids = result.Ids.ToList();
        var rows = ids.Count == 0
            ? []
            : await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var items = ids.Where(rows.ContainsKey).Select(id => ProductResponse.From(rows[id])).ToList();
        var highlights = result.Highlights.Where(h => rows.ContainsKey(h.Key)).ToDictionary(h => h.Key, h => h.Value);
        return new ProductSearchResponse(items, query.Page, query.PageSize, (int)Math.Min(result.Total, int.MaxValue), result.Facets, highlights);
    }
}
