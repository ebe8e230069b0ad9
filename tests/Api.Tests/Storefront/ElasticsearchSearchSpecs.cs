using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// The Api with the Elasticsearch backend, pointed at <see cref="FakeElasticsearch"/> answering
/// searches with a recorded Elasticsearch 9 response: the ranking, facets and highlights are the
/// index's, the products PostgreSQL's. When the index fails, search answers from PostgreSQL, says
/// so, caches nothing of it, and the Api stays ready.
/// </summary>
[TestFixture]
public sealed class ElasticsearchSearchSpecs : StorefrontFixture
{
    private FakeElasticsearch _elasticsearch = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Search:Backend"] = "Elasticsearch",
        ["Search:Elasticsearch:Url"] = _elasticsearch.Url.ToString(),
    };

    protected override async Task BeforeHostStartsAsync() => _elasticsearch = await FakeElasticsearch.StartAsync();

    protected override async Task AfterHostStoppedAsync() => await _elasticsearch.DisposeAsync();

    [TearDown]
    public void Heal() => _elasticsearch.Recover();

    [Test]
    public async Task Search_ranks_in_Elasticsearch_and_reads_the_products_from_PostgreSQL()
    {
        var (first, second) = await TwoProductsAsync();
        var gone = Guid.NewGuid();
        _elasticsearch.AnswerSearchesWith(Answer(42, [first.Id, gone, second.Id], first.Id));

        using var response = await Client.GetAsync(Url("/api/v1/products?q=shoo&pageSize=3"));
        var page = await JsonAsync(response);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        var categories = page.GetProperty("facets").GetProperty("categories").EnumerateArray().ToList();
        var ranges = page.GetProperty("facets").GetProperty("priceRanges").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("X-Search-Backend"), Is.EqualTo(new[] { "elasticsearch" }));
            Assert.That(items.Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { first.Id, second.Id }), "the index's order; a product the table no longer has is left out");
            Assert.That(items[0].GetProperty("price").GetDecimal(), Is.EqualTo(first.Price), "the table's price");
            Assert.That(items[0].GetProperty("available").GetInt32(), Is.EqualTo(first.Available), "the table's stock");
            Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(42));
            Assert.That(categories.Select(c => (c.GetProperty("category").GetString(), c.GetProperty("count").GetInt64())), Is.EqualTo(new[] { ("books", 30L), ("home", 12L) }));
            Assert.That(ranges.Select(r => r.GetProperty("count").GetInt64()), Is.EqualTo(new long[] { 12, 0, 25, 4, 1, 0 }));
            Assert.That(page.GetProperty("highlights").GetProperty(first.Id.ToString()).GetProperty("name")[0].GetString(), Is.EqualTo("The <em>Shoe</em> &lt;b&gt;"));
        });
    }

    [Test]
    public async Task When_Elasticsearch_fails_search_answers_from_PostgreSQL_says_so_and_caches_nothing_of_it()
    {
        var (first, _) = await TwoProductsAsync();
        _elasticsearch.FailWith(503);

        using var fallback = await Client.GetAsync(Url("/api/v1/products?q=lamp"));
        var fallbackPage = await JsonAsync(fallback);
        _elasticsearch.Recover();
        _elasticsearch.AnswerSearchesWith(Answer(1, [first.Id], null));
        using var recovered = await Client.GetAsync(Url("/api/v1/products?q=lamp"));
        var metrics = await Client.GetStringAsync(Url("/metrics"));

        Assert.Multiple(() =>
        {
            Assert.That(fallback.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(fallback.Headers.GetValues("X-Search-Backend"), Is.EqualTo(new[] { "postgres-fallback" }));
            Assert.That(fallbackPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Does.Contain("Desk Lamp"), "PostgreSQL's full-text search");
            Assert.That(recovered.Headers.GetValues("X-Search-Backend"), Is.EqualTo(new[] { "elasticsearch" }), "the fallback page was not cached");
            Assert.That(metrics, Does.Match(@"commerce_search_fallbacks_total\{[^}]*reason=""unavailable""[^}]*\} [1-9]"));
        });
    }

    [Test]
    public async Task Elasticsearch_down_degrades_readiness_without_making_the_Api_unready()
    {
        _elasticsearch.FailWith(503);

        using var ready = await Client.GetAsync(Url("/health/ready"));
        var body = await JsonAsync(ready);

        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(body.GetProperty("checks").GetProperty("elasticsearch").GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(body.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task A_query_Elasticsearch_refuses_is_answered_from_PostgreSQL_never_500()
    {
        _elasticsearch.FailWith(400);

        using var response = await Client.GetAsync(Url("/api/v1/products?q=keyboard"));
        var page = await JsonAsync(response);
        var metrics = await Client.GetStringAsync(Url("/metrics"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("X-Search-Backend"), Is.EqualTo(new[] { "postgres-fallback" }));
            Assert.That(page.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Mechanical Keyboard"));
            Assert.That(metrics, Does.Match(@"commerce_search_fallbacks_total\{[^}]*reason=""unavailable""[^}]*\} [1-9]"));
        });
    }

    [TestCase("' OR 1=1--")]
    [TestCase("foo & | ! (")]
    [TestCase(":*")]
    [TestCase("\"unbalanced")]
    public async Task Hostile_search_text_is_200_or_400_never_500_on_Elasticsearch_too(string q)
    {
        _elasticsearch.AnswerSearchesWith(Answer(0, [], null));

        using var response = await Client.GetAsync(Url("/api/v1/products?q=" + Uri.EscapeDataString(q)));

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    private async Task<(Persistence.Catalog.Product First, Persistence.Catalog.Product Second)> TwoProductsAsync()
    {
        await using var db = Database.CreateContext();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).Take(2).ToListAsync();
        return (products[0], products[1]);
    }

    /// <summary>A search response as Elasticsearch 9 sends it to the client (typed_keys), with these hits in this order.</summary>
    private static JsonObject Answer(long total, IReadOnlyList<Guid> hits, Guid? highlighted) => new()
    {
        ["took"] = 3,
        ["timed_out"] = false,
        ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
        ["hits"] = new JsonObject
        {
            ["total"] = new JsonObject { ["value"] = total, ["relation"] = "eq" },
            ["max_score"] = null,
            ["hits"] = new JsonArray([.. hits.Select((id, i) =>
            {
                var hit = new JsonObject { ["_index"] = "products-20261204040000000", ["_id"] = id.ToString(), ["_score"] = 10.0 - i };
                if (id == highlighted)
                {
                    hit["highlight"] = new JsonObject { ["name"] = new JsonArray("The <em>Shoe</em> &lt;b&gt;") };
                }

                return (JsonNode)hit;
            })]),
        },
        ["aggregations"] = new JsonObject
        {
            ["sterms#categories"] = new JsonObject
            {
                ["doc_count_error_upper_bound"] = 0,
                ["sum_other_doc_count"] = 0,
                ["buckets"] = new JsonArray(
                    new JsonObject { ["key"] = "books", ["doc_count"] = 30 },
                    new JsonObject { ["key"] = "home", ["doc_count"] = 12 }),
            },
            ["range#price_ranges"] = new JsonObject
            {
                ["buckets"] = new JsonArray(
                    new JsonObject { ["key"] = "*-25.0", ["to"] = 25.0, ["doc_count"] = 12 },
                    new JsonObject { ["key"] = "25.0-50.0", ["from"] = 25.0, ["to"] = 50.0, ["doc_count"] = 0 },
                    new JsonObject { ["key"] = "50.0-100.0", ["from"] = 50.0, ["to"] = 100.0, ["doc_count"] = 25 },
                    new JsonObject { ["key"] = "100.0-250.0", ["from"] = 100.0, ["to"] = 250.0, ["doc_count"] = 4 },
                    new JsonObject { ["key"] = "250.0-500.0", ["from"] = 250.0, ["to"] = 500.0, ["doc_count"] = 1 },
                    new JsonObject { ["key"] = "500.0-*", ["from"] = 500.0, ["doc_count"] = 0 }),
            },
        },
    };
}
