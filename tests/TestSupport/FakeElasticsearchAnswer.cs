using System.Text.Json.Nodes;

namespace Commerce.TestSupport;

/// <summary>An answer of <see cref="FakeElasticsearch"/> other than 200: status and body in Elasticsearch's error shape.</summary>
internal sealed record FakeElasticsearchAnswer(int Status, JsonNode? Body)
{
    public static FakeElasticsearchAnswer Ok(JsonNode body) => new(200, body);

    public static FakeElasticsearchAnswer Error(int status, string type, string reason) =>
        new(status, new JsonObject { ["error"] = ErrorCause(type, reason), ["status"] = status });

    public static JsonObject ErrorCause(string type, string reason) => new()
    {
        ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
        ["type"] = type,
        ["reason"] = reason,
    };
}
