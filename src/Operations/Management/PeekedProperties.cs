using System.Text.Json.Serialization;

namespace Commerce.Operations.Management;

public sealed record PeekedProperties(
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("headers")] Dictionary<string, System.Text.Json.JsonElement>? Headers);
