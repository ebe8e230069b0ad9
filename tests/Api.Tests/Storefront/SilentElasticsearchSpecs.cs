using System.Net;
using System.Net.Sockets;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// An Elasticsearch that takes the connection and never answers (a hung node): search falls back
/// to PostgreSQL once the request timeout has passed, rather than waiting for the client's default.
/// </summary>
[TestFixture]
public sealed class SilentElasticsearchSpecs : StorefrontFixture
{
    // Made in BeforeHostStartsAsync (the base's one-time set-up), disposed in StopListening; the
    // analyzer does not follow the set-up through the override.
#pragma warning disable NUnit1032
    private TcpListener _silent = null!;
#pragma warning restore NUnit1032

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Search:Backend"] = "Elasticsearch",
        ["Search:Elasticsearch:Url"] = $"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}/",
        ["Search:Elasticsearch:RequestTimeout"] = "00:00:00.500",
    };

    protected override Task BeforeHostStartsAsync()
    {
        // Listening with a backlog is enough: connections complete, and nothing ever reads or answers.
        _silent = new TcpListener(IPAddress.Loopback, 0);
        _silent.Start(100);
        return Task.CompletedTask;
    }

    [OneTimeTearDown]
    public void StopListening() => _silent.Dispose();

    [Test]
    public async Task A_silent_Elasticsearch_makes_search_answer_from_PostgreSQL_after_the_timeout()
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?q=headphones"));
        var page = await JsonAsync(response);
        var metrics = await Client.GetStringAsync(Url("/metrics"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("X-Search-Backend"), Is.EqualTo(new[] { "postgres-fallback" }));
            Assert.That(page.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Wireless Headphones"));
            Assert.That(metrics, Does.Match(@"commerce_search_fallbacks_total\{[^}]*reason=""(timeout|unavailable)""[^}]*\} [1-9]"));
        });
    }
}
