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
