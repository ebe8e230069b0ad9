namespace Commerce.Search;

/// <summary>The matching product ids in rank order, the total, the facets and the highlighted fragments per id.</summary>
public sealed record ProductSearchResult(IReadOnlyList<Guid> Ids, long Total, SearchFacets Facets, IReadOnlyDictionary<Guid, ProductHighlight> Highlights);
