using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>
/// The library against a real Elasticsearch 9 node, when ELASTICSEARCH_URL names one (with
/// ELASTICSEARCH_API_KEY, or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD, if it has security on).
/// Everything lives under an alias of its own and is deleted afterwards.
/// </summary>
[TestFixture]
public sealed class RealElasticsearchSpecs
{
    private const string HowToStartOne =
        "ELASTICSEARCH_URL is not set: no Elasticsearch node to run against. Start one with docker compose, a service with " +
        "`image: elasticsearch:9.1.0`, `ports: [\"9200:9200\"]` and `environment: [discovery.type=single-node, xpack.security.enabled=false]` " +
        "(`docker compose up -d`), then run with ELASTICSEARCH_URL=http://localhost:9200 " +
        "(and ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD when security is on).";

    private readonly string _alias = $"search-specs-{Guid.NewGuid():N}"[..26];
    private readonly List<string> _created = [];
    private SearchServices _search = null!;

    [OneTimeSetUp]
    public void Connect()
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Ignore(HowToStartOne);
        }

        _search = SearchServices.For(new Uri(url), _alias, TimeSpan.FromSeconds(10), new Dictionary<string, string?>
        {
            ["Search:Elasticsearch:ApiKey"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY"),
            ["Search:Elasticsearch:Username"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
            ["Search:Elasticsearch:Password"] = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
        });
    }

    [OneTimeTearDown]
    public async Task DeleteWhatTheSpecsCreated()
    {
        if (_search is null)
        {
            return;
        }

        foreach (var index in _created.Concat(await _search.Administration.AliasTargetsAsync(CancellationToken.None)).Distinct())
        {
            await _search.Administration.DeleteIndexAsync(index, CancellationToken.None);
        }

        await _search.DisposeAsync();
    }

    [Test]
    public async Task A_real_node_finds_a_typo_counts_facets_keeps_the_newest_version_and_swaps_the_alias()
    {
        var admin = _search.Administration;
        Assert.That(await admin.IsReachableAsync(CancellationToken.None), Is.True, "the node answers HEAD /");

        var first = await admin.CreateIndexAsync(CancellationToken.None);
        _created.Add(first);
        await admin.SwapAliasAsync(first, [], CancellationToken.None);
        var boot = new ProductDocument(Guid.NewGuid(), "BOOT-004", "Winter Boot", "Warm boot for snow", "Footwear", 149m, "EUR", 1, Deleted: false);
        var written = await _search.Writer.UpsertAsync([TestProducts.Shoe(version: 1), TestProducts.Sock(version: 1), boot, ProductDocument.Tombstone(TestProducts.GoneId, 4)], CancellationToken.None);
        await admin.RefreshAsync(_alias, CancellationToken.None);

        var typo = await _search.Searcher.SearchAsync(new ProductSearchCriteria("shoo", null, null, null, 1, 10), CancellationToken.None);
        var all = await _search.Searcher.SearchAsync(new ProductSearchCriteria(null, null, null, null, 1, 10), CancellationToken.None);
        var stale = await _search.Writer.UpsertAsync([TestProducts.Shoe(version: 1)], CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(new BulkIndexOutcome(4, 0)));
            Assert.That(typo.Ids, Does.Contain(TestProducts.ShoeId), "\"shoo\" finds the shoe (fuzziness AUTO)");
            Assert.That(typo.Highlights[TestProducts.ShoeId].Name.Single(), Does.Contain("<em>"));
            Assert.That(all.Total, Is.EqualTo(3), "the tombstone is not a product");
            Assert.That(all.Facets.Categories, Is.EqualTo(new[] { new CategoryCount("Footwear", 2), new CategoryCount("Socks", 1) }));
            Assert.That(all.Facets.PriceRanges.Select(r => r.Count), Is.EqualTo(new long[] { 1, 0, 1, 1, 0, 0 }));
            Assert.That(stale, Is.EqualTo(new BulkIndexOutcome(0, 1)));
        });

        var rebuilt = await admin.CreateIndexAsync(CancellationToken.None);
        _created.Add(rebuilt);
        await _search.Writer.UpsertIntoAsync(rebuilt, [TestProducts.Shoe(version: 2)], CancellationToken.None);
        await admin.SwapAliasAsync(rebuilt, await admin.AliasTargetsAsync(CancellationToken.None), CancellationToken.None);
        await admin.RefreshAsync(_alias, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await admin.AliasTargetsAsync(CancellationToken.None), Is.EqualTo(new[] { rebuilt }));
            Assert.That((await admin.ReadAllAsync(_alias, CancellationToken.None)).Select(d => d.Version), Is.EqualTo(new long[] { 2 }));
        });
    }
}
