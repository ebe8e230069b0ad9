namespace Commerce.Bench.Reads;

/// <summary>
/// The few searches everybody makes (the first page of a single word, no filters): the same set
/// every run, sent once before the cached workload so that Redis answers all of its requests.
/// </summary>
public static class CachedSearchQueries
{
    public const int Count = 20;

    public static readonly IReadOnlyList<SearchQuery> All =
        [.. BenchCatalog.Words.Take(Count).Select(word => new SearchQuery(word, null, null, 1))];
}
