using System.Text;
using Commerce.Search.Tests.Support;

namespace Commerce.Search.Tests;

/// <summary>The credentials from the options on every request: an API key, or a user and password.</summary>
[TestFixture]
public sealed class AuthenticationSpecs
{
    [Test]
    public async Task An_api_key_goes_in_the_authorization_header()
    {
        var requests = await PingWithAsync(new Dictionary<string, string?> { ["Search:Elasticsearch:ApiKey"] = "a2V5LWlkOmtleS1zZWNyZXQ=" });

        Assert.That(requests.Single().Authorization, Is.EqualTo("ApiKey a2V5LWlkOmtleS1zZWNyZXQ="));
    }

    [Test]
    public async Task A_username_and_password_go_as_basic_authentication()
    {
        var requests = await PingWithAsync(new Dictionary<string, string?> { ["Search:Elasticsearch:Username"] = "indexer", ["Search:Elasticsearch:Password"] = "pw" });

        Assert.That(requests.Single().Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("indexer:pw"))));
    }

    [Test]
    public async Task Without_credentials_no_authorization_header_is_sent()
    {
        var requests = await PingWithAsync(new Dictionary<string, string?>());

        Assert.That(requests.Single().Authorization, Is.Null);
    }

    private static async Task<IReadOnlyList<RecordedRequest>> PingWithAsync(Dictionary<string, string?> credentials)
    {
        await using var elasticsearch = await ScriptedElasticsearch.StartAsync();
        elasticsearch.Answer("HEAD", "/", 200, string.Empty);
        await using var search = SearchServices.For(elasticsearch.Url, extra: credentials);

        Assert.That(await search.Administration.IsReachableAsync(CancellationToken.None), Is.True);
        return elasticsearch.Requests;
    }
}
