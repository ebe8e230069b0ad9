using System.Text.Json.Serialization;

namespace Commerce.Operations.Management;

/// <summary>One message as the management API's <c>/get</c> returns it.</summary>
public sealed record PeekedMessage(
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("payload_bytes")] int PayloadBytes,
    [property: JsonPropertyName("payload_encoding")] string PayloadEncoding,
    [property: JsonPropertyName("properties")] PeekedProperties Properties);
