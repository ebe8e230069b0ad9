using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>A recorded search answer read into the result: ids in hit order, total, both facets, highlights.</summary>
[TestFixture]
public sealed class SearchResponseSpecs : ScriptedSpecs
{
    [Test]
    public async Task A_search_answer_becomes_ids_in_hit_order_the_total_both_facets_and_the_highlights()
    {
        Elasticsearch.Answer("POST", "/products/_search", 200, Recorded.Response("search-hits"));

        var result = await Search.Searcher.SearchAsync(new ProductSearchCriteria("shoe", null, null, null, 1, 10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Ids, Is.EqualTo(new[] { TestProducts.ShoeId, TestProducts.SockId }));
            Assert.That(result.Total, Is.EqualTo(42));
            Assert.That(result.Facets.Categories, Is.EqualTo(new[] { new CategoryCount("Footwear", 30), new CategoryCount("Socks", 12) }));
            Assert.That(result.Facets.PriceRanges, Is.EqualTo(new[]
            {
                new PriceRangeCount(null, 25m, 12),
                new PriceRangeCount(25m, 50m, 0),
                new PriceRangeCount(50m, 100m, 25),
                new PriceRangeCount(100m, 250m, 4),
                new PriceRangeCount(250m, 500m, 1),
                new PriceRangeCount(500m, null, 0),
            }));
            Assert.That(result.Highlights.Keys, Is.EqualTo(new[] { TestProducts.ShoeId }), "a hit without highlight has no entry");
            Assert.That(result.Highlights[TestProducts.ShoeId].Name, Is.EqualTo(new[] { "Trail Running <em>Shoe</em>" }));
            Assert.That(result.Highlights[TestProducts.ShoeId].Description, Is.EqualTo(new[] { "Light <em>shoe</em> for rough paths &lt;b&gt;&amp; more" }));
        });
    }
}
