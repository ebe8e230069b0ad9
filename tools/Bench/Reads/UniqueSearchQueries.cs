namespace Commerce.Bench.Reads;

/// <summary>
/// Searches the cache has not seen: query <c>n</c> of a run is <c>n</c> written in a mixed radix of
/// (word, minimum price in cents, page, category or none), so no two queries of a run are the same
/// and each is a search a shopper could make. The category is the slowest digit: a category
/// narrows a search to an eighth of the catalog and makes it several times cheaper, so the first
/// <see cref="WithoutCategory"/> queries (more than a run sends) search the whole catalog, the
/// dearest case. Every query has a minimum price, which the <see cref="CachedSearchQueries"/> never
/// have, so the two workloads never share a cache entry.
/// </summary>
public sealed class UniqueSearchQueries
{
    /// <summary>Minimum prices from 0.00 to 9.99: every one still leaves most of the catalog (1.00 to 499.99) in.</summary>
    public const int MinPriceSteps = 1_000;

    /// <summary>Pages 1 to 3: deeper pages of a word's results, still within what the API allows.</summary>
    public const int Pages = 3;

    private static readonly int CategoryChoices = BenchCatalog.Categories.Count + 1;

    private int _next = -1;

    /// <summary>How many queries come before the first with a category.</summary>
    public static int WithoutCategory => BenchCatalog.Words.Count * MinPriceSteps * Pages;

    /// <summary>How many different queries there are; a run that needs more fails rather than repeat one.</summary>
    public static int Capacity => BenchCatalog.Words.Count * CategoryChoices * MinPriceSteps * Pages;

    /// <summary>The next query of this run; safe to call from concurrent requests.</summary>
    public SearchQuery Next() => At(Interlocked.Increment(ref _next));

    /// <summary>Query <paramref name="index"/> of a run (from 0).</summary>
    public static SearchQuery At(int index)
    {
        if (index < 0 || index >= Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a run has {Capacity} different searches");
        }

        var word = index % BenchCatalog.Words.Count;
        var rest = index / BenchCatalog.Words.Count;
        var minPriceCents = rest % MinPriceSteps;
        rest /= MinPriceSteps;
        var page = rest % Pages + 1;
        var category = rest / Pages;
        return new SearchQuery(
            BenchCatalog.Words[word],
            category == 0 ? null : BenchCatalog.Categories[category - 1],
            minPriceCents / 100m,
            page);
    }
}
