using System.Linq.Expressions;
using Commerce.Persistence;
using Commerce.Persistence.Catalog;
using Commerce.Search;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Search over the generated <c>search_vector</c> column (GIN index). <c>websearch_to_tsquery</c>
/// accepts any text (quotes, <c>or</c>, <c>-</c>) without syntax errors, unlike <c>to_tsquery</c>,
/// and the text is a parameter: user input never becomes SQL. The facets come from one
/// <c>GROUP BY</c> over the matches, which also gives the total: two statements per page, as
/// before facets.
/// </summary>
internal sealed class PostgresProductSearch(CommerceDbContext db) : IProductSearch
{
    /// <summary>The text-search configuration of the generated column.</summary>
    private const string Configuration = "english";

    private static readonly Expression<Func<Product, FacetCell>> Cell = CellOf();

    public async Task<ProductSearchResponse> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
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

        var cells = await products.Select(Cell)
            .GroupBy(c => new { c.Category, c.Range })
            .Select(g => new FacetCount(g.Key.Category, g.Key.Range, g.LongCount()))
            .ToListAsync(cancellationToken);
        var ordered = text is not null
            ? products.OrderByDescending(p => p.SearchVector.Rank(EF.Functions.WebSearchToTsQuery(Configuration, text))).ThenBy(p => p.Id)
            : products.OrderBy(p => p.Category).ThenBy(p => p.Name).ThenBy(p => p.Id);
        var page = await ordered
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new ProductSearchResponse(
            [.. page.Select(ProductResponse.From)],
            query.Page,
            query.PageSize,
            (int)cells.Sum(c => c.Count),
            FacetsOf(cells),
            new Dictionary<Guid, ProductHighlight>());
    }

    private static SearchFacets FacetsOf(List<FacetCount> cells)
    {
        var categories = cells.GroupBy(c => c.Category, StringComparer.Ordinal)
            .Select(g => new CategoryCount(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)
            .Take(SearchFacetLimits.Categories)
            .ToList();
        var ranges = PriceRanges.All
            .Select((range, index) => new PriceRangeCount(range.From, range.To, cells.Where(c => c.Range == index).Sum(c => c.Count)))
            .ToList();
        return new SearchFacets(categories, ranges);
    }

    /// <summary>
    /// <c>p =&gt; new FacetCell { Category = p.Category, Range = p.Price &lt; 25 ? 0 : p.Price &lt; 50 ? 1 : … }</c>,
    /// built from <see cref="PriceRanges.All"/> so the two backends bucket prices alike.
    /// </summary>
    private static Expression<Func<Product, FacetCell>> CellOf()
    {
        var product = Expression.Parameter(typeof(Product), "p");
        var price = Expression.Property(product, nameof(Product.Price));
        Expression range = Expression.Constant(PriceRanges.All.Count - 1);
        for (var i = PriceRanges.All.Count - 2; i >= 0; i--)
        {
            var upper = PriceRanges.All[i].To ?? throw new InvalidOperationException("Only the last price range is open-ended.");
            range = Expression.Condition(Expression.LessThan(price, Expression.Constant(upper)), Expression.Constant(i), range);
        }

        var cell = Expression.MemberInit(
            Expression.New(typeof(FacetCell)),
            Expression.Bind(typeof(FacetCell).GetProperty(nameof(FacetCell.Category))!, Expression.Property(product, nameof(Product.Category))),
            Expression.Bind(typeof(FacetCell).GetProperty(nameof(FacetCell.Range))!, range));
        return Expression.Lambda<Func<Product, FacetCell>>(cell, product);
    }

    /// <summary>A product's category and the index of its price range in <see cref="PriceRanges.All"/>.</summary>
    private sealed class FacetCell
    {
        public required string Category { get; init; }

        public required int Range { get; init; }
    }

    private sealed record FacetCount(string Category, int Range, long Count);
}
