namespace Commerce.Search.Tests.Support;

/// <summary>Specs against a node answering recorded responses.</summary>
public abstract class ScriptedSpecs() : NodeSpecs<ScriptedElasticsearch>(ScriptedElasticsearch.StartAsync, node => node.Url)
{
    protected ScriptedElasticsearch Elasticsearch => Node;
}
