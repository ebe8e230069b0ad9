using Commerce.Bench.Reads;

namespace Commerce.Bench.Tests;

/// <summary>The uncached workload's searches: none repeats within a run, and each is one the API accepts.</summary>
public sealed class UniqueSearchQueriesSpecs
{
    /// <summary>More than a full read run sends: about 106,000 uncached searches if every step is kept up to 1,600/s.</summary>
    private const int RunLength = 150_000;

    [Test]
    public void Unique_searches_never_repeat_within_a_run_and_stay_within_the_API_limits()
    {
        var queries = new UniqueSearchQueries();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var invalid = new List<SearchQuery>();
        for (var i = 0; i < RunLength; i++)
        {
            var query = queries.Next();
            seen.Add(query.PathAndQuery);
            if (!WithinApiLimits(query))
            {
                invalid.Add(query);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Has.Count.EqualTo(RunLength), "every request a search the cache has not seen");
            Assert.That(invalid, Is.Empty, "q ≤ 200 characters, page ≤ 1000, pageSize ≤ 100, minPrice ≥ 0");
        });
    }

    [Test]
    public void Unique_searches_drawn_by_concurrent_requests_are_still_all_different()
    {
        var queries = new UniqueSearchQueries();
        var drawn = new string[50_000];

        Parallel.For(0, drawn.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => drawn[i] = queries.Next().PathAndQuery);

        Assert.That(drawn, Is.Unique);
    }

    [Test]
    public void The_unique_searches_vary_the_word_the_category_the_minimum_price_and_the_page()
    {
        var sample = Enumerable.Range(0, UniqueSearchQueries.Capacity).Where(i => i % 9_973 == 0).Select(UniqueSearchQueries.At).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(sample.Select(q => q.Q).Distinct().Count(), Is.GreaterThan(BenchCatalog.Words.Count / 2));
            Assert.That(sample.Select(q => q.Category).Distinct().Count(), Is.EqualTo(BenchCatalog.Categories.Count + 1), "every category and none");
            Assert.That(sample.Select(q => q.Page).Distinct().Order(), Is.EqualTo(Enumerable.Range(1, UniqueSearchQueries.Pages)));
            Assert.That(sample.Select(q => q.MinPrice).Distinct().Count(), Is.GreaterThan(100));
        });
    }

    [Test]
    public void A_run_searches_the_whole_catalog_without_a_category_narrowing_it()
    {
        var queries = new UniqueSearchQueries();
        var run = Enumerable.Range(0, RunLength).Select(_ => queries.Next()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(UniqueSearchQueries.WithoutCategory, Is.GreaterThanOrEqualTo(RunLength));
            Assert.That(run.Where(q => q.Category is not null), Is.Empty);
            Assert.That(UniqueSearchQueries.At(UniqueSearchQueries.WithoutCategory).Category, Is.Not.Null, "categories only after those");
        });
    }

    [Test]
    public void A_run_that_needs_more_searches_than_there_are_fails_instead_of_repeating_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UniqueSearchQueries.Capacity, Is.GreaterThan(RunLength));
            Assert.That(() => UniqueSearchQueries.At(UniqueSearchQueries.Capacity), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(WithinApiLimits(UniqueSearchQueries.At(UniqueSearchQueries.Capacity - 1)), Is.True, "the last one is still valid");
        });
    }

    [Test]
    public void A_search_is_sent_with_its_text_escaped_and_its_price_in_invariant_form()
    {
        var query = new SearchQuery("oak & steel", "kitchen", 1.5m, 2);

        Assert.That(query.PathAndQuery, Is.EqualTo("api/v1/products?q=oak%20%26%20steel&category=kitchen&minPrice=1.50&page=2&pageSize=20"));
    }

    /// <summary>The limits of <c>GET /api/v1/products</c> (CatalogEndpoints).</summary>
    internal static bool WithinApiLimits(SearchQuery query) =>
        query.Q.Length is >= 1 and <= 200
        && query.Category is null or { Length: <= 100 }
        && query.MinPrice is null or >= 0
        && query.Page is >= 1 and <= 1_000
        && query.PageSize is >= 1 and <= 100;
}
