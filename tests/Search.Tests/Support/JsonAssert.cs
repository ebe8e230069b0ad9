using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commerce.Search.Tests.Support;

/// <summary>Compares JSON by value (property order and number spelling aside), showing both sides on a difference.</summary>
public static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void AreEqual(JsonNode? expected, string actual, string what)
    {
        var parsed = JsonNode.Parse(actual);
        Assert.That(JsonNode.DeepEquals(parsed, expected), Is.True, $"{what}\nexpected:\n{expected?.ToJsonString(Indented)}\nactual:\n{parsed?.ToJsonString(Indented)}");
    }

    /// <summary>An NDJSON body (bulk) against a JSON array holding its lines in order.</summary>
    public static void AreEqualLines(JsonNode expected, string ndjson, string what)
    {
        var lines = new JsonArray([.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line))]);
        AreEqual(expected, lines.ToJsonString(), what);
    }
}
