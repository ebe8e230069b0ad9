using Commerce.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Search over the generated <c>search_vector</c> column (GIN index). <c>websearch_to_tsquery</c>
/// accepts any text (quotes, <c>or</c>, <c>-</c>) without syntax errors, unlike <c>to_tsquery</c>,
/// and the text is a parameter: user input never becomes SQL.
/// </summary>
internal sealed class PostgresProductSearch(CommerceDbContext db) : IProductSearch
{
    /// <summary>The text-search configuration of the generated column.</summary>
    private const string Configuration = "english";

    public async Task<PageResponse<ProductResponse>> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var products = db.Products.AsNoTracking();
        var text = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q;
        if (text is not null)
        {
            products = products.Where(p => p.SearchVector.Matches(EF.Functions.WebSearchToTsQuery(Configuration, text)));
        }

        if (query.Category is { } category)
        {
            products = products.Where(p => p.Category == category);
        }

        if (query.MinPrice is { } min)
        {
            products = products.Where(p => p.Price >= min);
        }

        if (query.MaxPrice is { } max)
        {
            products = products.Where(p => p.Price <= max);
        }

        var total = await products.CountAsync(cancellationToken);
        var ordered = text is not null
            ? products.OrderByDescending(p => p.SearchVector.Rank(EF.Functions.WebSearchToTsQuery(Configuration, text))).ThenBy(p => p.Id)
            : products.OrderBy(p => p.Category).ThenBy(p => p.Name).ThenBy(p => p.Id);
        var page = await ordered
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new PageResponse<ProductResponse>([.. page.Select(ProductResponse.From)], query.Page, query.PageSize, total);
    }
}
