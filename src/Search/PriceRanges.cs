namespace Commerce.Search;

/// <summary>The price facet's fixed buckets, the same for every backend.</summary>
public static class PriceRanges
{
    public static IReadOnlyList<(decimal? From, decimal? To)> All { get; } =
    [
        (null, 25m),
        (25m, 50m),
        (50m, 100m),
        (100m, 250m),
        (250m, 500m),
        (500m, null),
    ];
}
