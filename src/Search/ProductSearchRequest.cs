using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;

namespace Commerce.Search;

/// <summary>
/// The search request for a shopper's criteria. The text only ever goes into a multi_match, which
/// analyses it as words: no query syntax, so no input can be a syntax error or widen the query.
/// </summary>
internal static class ProductSearchRequest
{
    public const string CategoriesAggregation = "categories";
    public const string PriceRangesAggregation = "price_ranges";

    private const int DescriptionFragmentSize = 150;

    public static SearchRequest For(string alias, ProductSearchCriteria criteria)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(criteria.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(criteria.PageSize, 1);
        var text = string.IsNullOrWhiteSpace(criteria.Text) ? null : criteria.Text.Trim();
        return new SearchRequest(alias)
        {
            Query = new BoolQuery
            {
                Must = text is null ? null : [Matching(text)],
                Filter = Filters(criteria),
            },
            TrackTotalHits = new TrackHits(true),
            From = (criteria.Page - 1) * criteria.PageSize,
            Size = criteria.PageSize,
            Sort = text is null ? Sorted(ProductFields.CategoryKeyword, ProductFields.NameKeyword, ProductFields.Sku) : [ByScore(), .. Sorted(ProductFields.Sku)],
            Aggregations = new Dictionary<string, Aggregation>
            {
                [CategoriesAggregation] = new TermsAggregation
                {
                    Field = ProductFields.CategoryKeyword,
                    Size = SearchFacetLimits.Categories,
                    Order = [new("_count", SortOrder.Desc), new("_key", SortOrder.Asc)],
                },
                [PriceRangesAggregation] = new RangeAggregation
                {
                    Field = ProductFields.Price,
                    Ranges = [.. PriceRanges.All.Select(range => new AggregationRange { From = (double?)range.From, To = (double?)range.To })],
                },
            },
            Highlight = text is null ? null : Highlighting(),
            // Only the ids are read: the page's products come from PostgreSQL, the source of truth.
            Source = new SourceConfig(false),
        };
    }

    private static MultiMatchQuery Matching(string text) => new(text)
    {
        Fields = new[] { $"{ProductFields.Name}^3", ProductFields.Description, ProductFields.Category },
        Fuzziness = new Fuzziness("AUTO"),
        Operator = Operator.And,
    };

    private static List<Query> Filters(ProductSearchCriteria criteria)
    {
        List<Query> filters = [new TermQuery(ProductFields.Deleted, false)];
        if (!string.IsNullOrWhiteSpace(criteria.Category))
        {
            filters.Add(new TermQuery(ProductFields.CategoryKeyword, criteria.Category));
        }

        if (criteria.MinPrice is not null || criteria.MaxPrice is not null)
        {
            filters.Add(new NumberRangeQuery(ProductFields.Price) { Gte = (double?)criteria.MinPrice, Lte = (double?)criteria.MaxPrice });
        }

        return filters;
    }

    private static SortOptions ByScore() => new() { Score = new ScoreSort { Order = SortOrder.Desc } };

    private static List<SortOptions> Sorted(params string[] fields) =>
        [.. fields.Select(field => new SortOptions { Field = new FieldSort(field) { Order = SortOrder.Asc } })];

    /// <summary>The html encoder escapes the product's own text, so only the &lt;em&gt; tags are markup.</summary>
    private static Highlight Highlighting() => new()
    {
        Encoder = HighlighterEncoder.Html,
        PreTags = ["<em>"],
        PostTags = ["</em>"],
        Fields =
        [
            new(ProductFields.Name, new HighlightField { NumberOfFragments = 0 }),
            new(ProductFields.Description, new HighlightField { NumberOfFragments = 1, FragmentSize = DescriptionFragmentSize }),
        ],
    };
}
