using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>What the callers fall back or retry on: every way Elasticsearch can fail to serve.</summary>
[TestFixture]
public sealed class FailureSpecs : ScriptedSpecs
{
    private static readonly ProductSearchCriteria AnySearch = new("shoe", null, null, null, 1, 10);

    [Test]
    public async Task A_503_on_search_is_unavailable()
    {
        Elasticsearch.Answer("POST", "/products/_search", 503, Recorded.Response("unavailable"));

        var failure = Assert.ThrowsAsync<SearchUnavailableException>(() => Search.Searcher.SearchAsync(AnySearch, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("503"));
    }

    [Test]
    public void A_failure_holds_neither_the_request_nor_the_response_body()
    {
        Elasticsearch.Answer("POST", "/products/_search", 503, Recorded.Response("unavailable"));
        Elasticsearch.Answer("POST", "/products/_bulk", 503, Recorded.Response("unavailable"));

        var search = Assert.ThrowsAsync<SearchUnavailableException>(() => Search.Searcher.SearchAsync(AnySearch with { Text = "private shopper words" }, CancellationToken.None));
        var write = Assert.ThrowsAsync<SearchUnavailableException>(() => Search.Writer.UpsertAsync([TestProducts.Gone()], CancellationToken.None));

        Assert.Multiple(() =>
        {
            foreach (var failure in new Exception[] { search!, write! })
            {
                Assert.That(failure.ToString(), Does.Not.Contain("private shopper words").And.Not.Contain("Secret Winter"), "request body");
                Assert.That(failure.ToString(), Does.Not.Contain("state not recovered"), "response body");
            }
        });
    }

    [Test]
    public async Task A_503_on_bulk_is_unavailable_so_the_indexer_retries()
    {
        Elasticsearch.Answer("POST", "/products/_bulk", 503, Recorded.Response("unavailable"));

        Assert.ThrowsAsync<SearchUnavailableException>(() => Search.Writer.UpsertAsync([TestProducts.Shoe()], CancellationToken.None));
    }

    [Test]
    public async Task A_missing_index_on_search_is_unavailable()
    {
        Elasticsearch.Answer("POST", "/products/_search", 404, Recorded.Response("index-not-found"));

        var failure = Assert.ThrowsAsync<SearchUnavailableException>(() => Search.Searcher.SearchAsync(AnySearch, CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("index_not_found_exception"));
    }

    [Test]
    public async Task A_refused_connection_is_unavailable_and_not_reachable()
    {
        Uri closed;
        await using (var elasticsearch = await ScriptedElasticsearch.StartAsync())
        {
            closed = elasticsearch.Url;
        }

        await using var search = SearchServices.For(closed);
        Assert.Multiple(async () =>
        {
            Assert.ThrowsAsync<SearchUnavailableException>(() => search.Searcher.SearchAsync(AnySearch, CancellationToken.None));
            Assert.ThrowsAsync<SearchUnavailableException>(() => search.Writer.UpsertAsync([TestProducts.Shoe()], CancellationToken.None));
            Assert.That(await search.Administration.IsReachableAsync(CancellationToken.None), Is.False);
        });
    }

    [Test]
    public async Task A_node_that_never_answers_is_unavailable_after_the_request_timeout()
    {
        Elasticsearch.NeverAnswer();
        await using var search = SearchServices.For(Elasticsearch.Url, timeout: TimeSpan.FromMilliseconds(300));

        Assert.Multiple(async () =>
        {
            var failure = Assert.ThrowsAsync<SearchUnavailableException>(() => search.Searcher.SearchAsync(AnySearch with { Text = "private shopper words" }, CancellationToken.None));
            Assert.That(failure?.ToString(), Does.Not.Contain("private shopper words"));
            Assert.That(await search.Administration.IsReachableAsync(CancellationToken.None), Is.False);
        });
        Assert.That(Elasticsearch.Requests.Count(r => r.Path == "/products/_search"), Is.EqualTo(1), "the client's own retries are off");
    }
}
