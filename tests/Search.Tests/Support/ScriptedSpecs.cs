namespace Commerce.Search.Tests.Support;

/// <summary>A fresh scripted node per test and the library pointed at it through AddCommerceSearch.</summary>
public abstract class ScriptedSpecs
{
    protected ScriptedElasticsearch Elasticsearch { get; private set; } = null!;

    protected SearchServices Search { get; private set; } = null!;

    [SetUp]
    public async Task StartScriptedNode()
    {
        Elasticsearch = await ScriptedElasticsearch.StartAsync();
        Search = SearchServices.For(Elasticsearch.Url);
    }

    [TearDown]
    public async Task StopScriptedNode()
    {
        await Search.DisposeAsync();
        await Elasticsearch.DisposeAsync();
    }
}
