using Commerce.Bench.Reads;

namespace Commerce.Bench.Tests;

/// <summary>What each read workload sends: the cached searches a fixed set the cache has been given, product reads over the whole catalog.</summary>
public sealed class ReadWorkloadSpecs
{
    [Test]
    public void The_cached_searches_are_one_fixed_set_primed_before_they_are_timed()
    {
        var workload = ReadWorkload.SearchCached();
        var sent = Enumerable.Range(0, 1_000).Select(workload.Path).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(sent.Distinct(), Is.EquivalentTo(workload.Prime), "every request one of the primed searches");
            Assert.That(workload.Prime, Has.Count.EqualTo(CachedSearchQueries.Count).And.Unique);
            Assert.That(ReadWorkload.SearchCached().Prime, Is.EqualTo(workload.Prime), "the same set every time");
            Assert.That(CachedSearchQueries.All.All(UniqueSearchQueriesSpecs.WithinApiLimits), Is.True);
            Assert.That(workload.TargetP99Milliseconds, Is.EqualTo(30));
        });
    }

    [Test]
    public void No_cached_search_is_ever_one_of_the_uncached_ones()
    {
        var uncached = ReadWorkload.SearchUncached(new UniqueSearchQueries());
        var sent = Enumerable.Range(0, 100_000).Select(uncached.Path).ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(sent.Overlaps(ReadWorkload.SearchCached().Prime), Is.False);
            Assert.That(uncached.Prime, Is.Empty, "nothing to warm: each request is new");
            Assert.That(uncached.TargetP99Milliseconds, Is.EqualTo(100));
        });
    }

    [Test]
    public void Product_reads_go_round_the_whole_catalog_and_have_no_target()
    {
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var workload = ReadWorkload.ProductById(ids);

        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(0, 6).Select(workload.Path), Is.EqualTo(ids.Concat(ids).Select(id => $"api/v1/products/{id}")));
            Assert.That(workload.TargetP99Milliseconds, Is.Null);
        });
    }
}
