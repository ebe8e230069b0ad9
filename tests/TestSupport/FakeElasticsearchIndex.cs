using System.Text.Json.Nodes;

namespace Commerce.TestSupport;

/// <summary>One index of <see cref="FakeElasticsearch"/>: its creation body and its documents by id.</summary>
internal sealed class FakeElasticsearchIndex(string name, JsonNode? definition)
{
    public string Name { get; } = name;

    public JsonNode? Definition { get; } = definition;

    public SortedDictionary<string, (long Version, JsonObject Source)> Documents { get; } = new(StringComparer.Ordinal);
}
