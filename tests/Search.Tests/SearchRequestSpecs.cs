using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>The exact bodies the library sends, against Elasticsearch 9's REST API as documented.</summary>
[TestFixture]
public sealed class SearchRequestSpecs : ScriptedSpecs
{
    [Test]
    public async Task A_search_with_text_sends_a_fuzzy_multi_match_with_filters_facets_highlights_sort_and_the_page()
    {
        Elasticsearch.Answer("POST", "/products/_search", 200, Recorded.Response("search-hits"));

        await Search.Searcher.SearchAsync(new ProductSearchCriteria("running shoo", "Footwear", 10m, 100m, Page: 3, PageSize: 20), CancellationToken.None);

        var request = Elasticsearch.Requests.Single();
        Assert.That(request.Path, Is.EqualTo("/products/_search"));
        JsonAssert.AreEqual(Recorded.Request("search-with-text").Json, request.Body, "search body");
    }

    [Test]
    public async Task A_search_without_text_sorts_by_category_name_and_sku_and_highlights_nothing()
    {
        Elasticsearch.Answer("POST", "/products/_search", 200, Recorded.Response("search-hits"));

        await Search.Searcher.SearchAsync(new ProductSearchCriteria("   ", null, null, null, Page: 1, PageSize: 10), CancellationToken.None);

        JsonAssert.AreEqual(Recorded.Request("search-without-text").Json, Elasticsearch.Requests.Single().Body, "search body");
    }

    [TestCase("' OR 1=1--")]
    [TestCase("foo & | ! (")]
    [TestCase(":*")]
    [TestCase("\"unbalanced")]
    [TestCase("name:shoe AND price:[0 TO *]")]
    public async Task Hostile_text_goes_verbatim_into_the_multi_match_and_nowhere_else(string text)
    {
        Elasticsearch.Answer("POST", "/products/_search", 200, Recorded.Response("search-hits"));

        await Search.Searcher.SearchAsync(new ProductSearchCriteria(text, null, null, null, 1, 10), CancellationToken.None);

        var body = System.Text.Json.Nodes.JsonNode.Parse(Elasticsearch.Requests.Single().Body)!;
        // The client writes a one-clause "must" as the clause itself, as Elasticsearch allows.
        var must = body["query"]!["bool"]!["must"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(must.Select(clause => clause.Key), Is.EqualTo(new[] { "multi_match" }));
            Assert.That(must["multi_match"]!["query"]!.GetValue<string>(), Is.EqualTo(text));
            Assert.That(body.ToJsonString(), Does.Not.Contain("query_string").And.Not.Contain("simple_query_string"));
        });
    }

    [Test]
    public async Task Two_hundred_characters_of_text_are_sent_whole()
    {
        var text = string.Concat(Enumerable.Repeat("(\"x:* ", 34))[..200];
        Elasticsearch.Answer("POST", "/products/_search", 200, Recorded.Response("search-hits"));

        await Search.Searcher.SearchAsync(new ProductSearchCriteria(text, null, null, null, 1, 10), CancellationToken.None);

        var body = System.Text.Json.Nodes.JsonNode.Parse(Elasticsearch.Requests.Single().Body)!;
        Assert.That(body["query"]!["bool"]!["must"]!["multi_match"]!["query"]!.GetValue<string>(), Has.Length.EqualTo(200));
    }

    [TestCase(0, 10)]
    [TestCase(1, 0)]
    public void A_page_or_page_size_below_one_is_refused_before_anything_is_sent(int page, int pageSize)
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Search.Searcher.SearchAsync(new ProductSearchCriteria("shoe", null, null, null, page, pageSize), CancellationToken.None));
        Assert.That(Elasticsearch.Requests, Is.Empty);
    }
}
