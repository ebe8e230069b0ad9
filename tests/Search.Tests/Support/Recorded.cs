using System.Text.Json.Nodes;

namespace Commerce.Search.Tests.Support;

/// <summary>A JSON file under Recorded/: a server answer from the REST API documentation, or a request body we expect to send.</summary>
public sealed record Recorded(string Text)
{
    public static Recorded Response(string name) => Read("Responses", name);

    public static Recorded Request(string name) => Read("Requests", name);

    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("empty recording");

    private static Recorded Read(string folder, string name) =>
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", folder, name + ".json")));
}
