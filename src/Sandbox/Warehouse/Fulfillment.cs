using System.Text.Json;

namespace Commerce.Sandbox.Warehouse;

/// <summary>The body of <c>POST /warehouse/v1/fulfillments</c>. The address is kept as sent: the warehouse only echoes it.</summary>
internal sealed record FulfillmentRequest(string? OrderId, IReadOnlyList<FulfillmentLine>? Lines, JsonElement? ShippingAddress, string? RequestId)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(OrderId))
        {
            errors["orderId"] = ["is required"];
        }

        if (string.IsNullOrWhiteSpace(RequestId))
        {
            errors["requestId"] = ["is required: it makes a retried request safe"];
        }

        if (Lines is not { Count: > 0 } || Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity < 1))
        {
            errors["lines"] = ["at least one line, each with a sku and a quantity of 1 or more"];
        }

        if (ShippingAddress is not { ValueKind: JsonValueKind.Object })
        {
            errors["shippingAddress"] = ["is required (an object)"];
        }

        return errors;
    }
}

internal sealed record FulfillmentLine(string? Sku, int Quantity);

internal sealed record FulfillmentAccepted(string FulfillmentId);

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

/// <summary>One event and its deliveries: <see cref="Deliveries"/> counts 2xx answers (more than one when copies are sent).</summary>
internal sealed record WebhookRecord(
    string EventId,
    string Type,
    DateTimeOffset OccurredAt,
    int Attempts,
    int Deliveries,
    DateTimeOffset? LastDeliveredAt,
    int? LastStatusCode,
    string? LastError);

/// <summary>The webhook body, as the API spec defines it.</summary>
internal sealed record WarehouseEvent(string EventId, string Type, string OrderId, string Carrier, string TrackingNumber, DateTimeOffset OccurredAt)
{
    public const string Dispatched = "shipment.dispatched";
    public const string Delivered = "shipment.delivered";
}
