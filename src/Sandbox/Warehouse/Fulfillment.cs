using System.Text.Json;

namespace Commerce.Sandbox.Warehouse;

/// <summary>A fulfilment and what happened to it, including every webhook delivery attempt.</summary>
internal sealed record Fulfillment(
    string FulfillmentId,
    string RequestId,
    string OrderId,
    IReadOnlyList<FulfillmentLine> Lines,
    JsonElement ShippingAddress,
    string Carrier,
    string TrackingNumber,
    string Status,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookRecord> Webhooks);
