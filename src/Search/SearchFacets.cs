namespace Commerce.Search;

/// <summary>Counts over every match (not only the page): by category and by price range.</summary>
public sealed record SearchFacets(IReadOnlyList<CategoryCount> Categories, IReadOnlyList<PriceRangeCount> PriceRanges);
