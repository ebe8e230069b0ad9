namespace Commerce.Bench.Reads;

/// <summary>
/// One kind of read the bench ramps: the request path for the n-th request, and the p99 target at
/// <see cref="ReadTargets.TargetRate"/> if the issue set one.
/// </summary>
public sealed record ReadWorkload(string Name, Func<int, string> Path, double? TargetP99Milliseconds)
{
    /// <summary>Requests sent once each, one at a time, before the workload is warmed up and timed.</summary>
    public IReadOnlyList<string> Prime { get; init; } = [];

    public const string SearchUncachedName = "search uncached";
    public const string SearchCachedName = "search cached";
    public const string ProductByIdName = "product by id";

    /// <summary>Issue 18's targets at 300 searches/s on this machine.</summary>
    public const double UncachedTargetMilliseconds = 100;

    /// <inheritdoc cref="UncachedTargetMilliseconds"/>
    public const double CachedTargetMilliseconds = 30;

    /// <summary>Every request a search nobody made before in this run: the database answers each.</summary>
    public static ReadWorkload SearchUncached(UniqueSearchQueries queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return new(SearchUncachedName, _ => queries.Next().PathAndQuery, UncachedTargetMilliseconds);
    }

    /// <summary>The fixed set of popular searches, round robin: Redis answers each (once warmed).</summary>
    public static ReadWorkload SearchCached() =>
        new(SearchCachedName, i => CachedSearchQueries.All[i % CachedSearchQueries.All.Count].PathAndQuery, CachedTargetMilliseconds)
        {
            Prime = [.. CachedSearchQueries.All.Select(q => q.PathAndQuery)],
        };

    /// <summary>Product pages over the whole seeded catalog, round robin.</summary>
    public static ReadWorkload ProductById(IReadOnlyList<Guid> productIds)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        return new(ProductByIdName, i => $"api/v1/products/{productIds[i % productIds.Count]}", null);
    }
}
