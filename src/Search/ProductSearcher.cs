using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Microsoft.Extensions.Options;

namespace Commerce.Search;

/// <summary>
/// Full-text product search through the alias: ids in rank order, total, facets, highlights.
/// Any failure, a missing alias included, is <see cref="SearchUnavailableException"/>: the caller falls back.
/// </summary>
public sealed class ProductSearcher
{
    private const string Operation = "the product search";

    private readonly ElasticsearchClient _client;
    private readonly string _alias;

    public ProductSearcher(ElasticsearchClient client, IOptions<SearchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _alias = options.Value.Elasticsearch.IndexAlias;
    }

    public async Task<ProductSearchResult> SearchAsync(ProductSearchCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var request = ProductSearchRequest.For(_alias, criteria);
        var response = await ElasticsearchCalls.SendAsync(Operation, () => _client.SearchAsync<ProductDocument>(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!response.IsValidResponse)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw ElasticsearchCalls.Unavailable(response, Operation);
        }

        var ids = new List<Guid>();
        var highlights = new Dictionary<Guid, ProductHighlight>();
        foreach (var hit in response.Hits)
        {
            if (!Guid.TryParse(hit.Id, out var id))
            {
                continue;
            }

            ids.Add(id);
            if (hit.Highlight is { Count: > 0 } highlight)
            {
                highlights[id] = new ProductHighlight(Fragments(highlight, ProductFields.Name), Fragments(highlight, ProductFields.Description));
            }
        }

        return new ProductSearchResult(ids, response.Total, Facets(response.Aggregations), highlights);
    }

    private static IReadOnlyList<string> Fragments(IReadOnlyDictionary<string, IReadOnlyCollection<string>> highlight, string field) =>
        highlight.TryGetValue(field, out var fragments) ? [.. fragments] : [];

    private static SearchFacets Facets(AggregateDictionary? aggregations)
    {
        var categories = aggregations?.GetStringTerms(ProductSearchRequest.CategoriesAggregation)?.Buckets
            .Select(bucket => new CategoryCount(bucket.Key.ToString(), bucket.DocCount))
            .ToList() ?? [];
        var buckets = aggregations?.GetRange(ProductSearchRequest.PriceRangesAggregation)?.Buckets.ToList() ?? [];
        var ranges = PriceRanges.All
            .Select(range => new PriceRangeCount(range.From, range.To, buckets.FirstOrDefault(b => Same(b.From, range.From) && Same(b.To, range.To))?.DocCount ?? 0))
            .ToList();
        return new SearchFacets(categories, ranges);
    }

    private static bool Same(double? bound, decimal? expected) => bound is null ? expected is null : expected is not null && (decimal)bound.Value == expected.Value;
}
