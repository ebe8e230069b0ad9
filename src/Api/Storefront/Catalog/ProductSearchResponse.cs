using Commerce.Search;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// A page of search results. <c>facets</c> counts every matching product by category (the 20
/// largest) and price range; <c>highlights</c> holds, by product id, the matched words in
/// <c>&lt;em&gt;</c> with the rest HTML-escaped (Elasticsearch only; empty from PostgreSQL).
/// Both backends fill the same shape (docs/adr/0040).
/// </summary>
internal sealed record ProductSearchResponse(
    IReadOnlyList<ProductResponse> Items,
    int Page,
    int PageSize,
    int Total,
    SearchFacets Facets,
    IReadOnlyDictionary<Guid, ProductHighlight> Highlights);
