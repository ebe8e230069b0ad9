using System.Text.Json.Serialization;

namespace Commerce.Operations.Management;

public sealed record MessageTotals(
    [property: JsonPropertyName("publish")] long Published,
    [property: JsonPropertyName("deliver_get")] long Delivered);
