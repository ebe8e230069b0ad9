using System.Text.Json.Nodes;
using Commerce.Api.Operations;
using Commerce.Api.Ordering;
using Commerce.Persistence.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Commerce.Api.OpenApi;

/// <summary>
/// What the generated schemas cannot know from the C# types alone: the members a request may
/// leave out, the order status values of the contract, the <c>traceId</c> every problem carries,
/// and examples a client developer can send as they are.
/// </summary>
internal sealed class ContractSchemas : IOpenApiSchemaTransformer
{
    /// <summary>Members the Api accepts when absent (the record's parameter is nullable and nothing requires it).</summary>
    private static readonly Dictionary<Type, string[]> Optional = new()
    {
        [typeof(CheckoutRequest)] = ["items"],
        [typeof(CheckoutAddress)] = ["line2"],
        [typeof(WarehouseEvent)] = ["carrier", "trackingNumber"],
        [typeof(DeadLetterEndpoints.DeadLetterRequest)] = ["messageIds", "exceptionType", "max"],
    };

    /// <summary>The types whose <c>status</c> is an order status.</summary>
    private static readonly HashSet<Type> WithOrderStatus = [typeof(OrderView), typeof(OrderStatusEvent), typeof(TimelineEntryView), typeof(CheckoutAccepted)];

    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(CheckoutRequest)] = """
            {
              "items": [{ "productId": "0193f0c4-7c1a-7d2e-9b41-2f6a5d3c8e10", "quantity": 2 }],
              "paymentMethod": "pm_card_visa",
              "shippingAddress": {
                "name": "Ada Lovelace",
                "line1": "350 Fifth Avenue",
                "line2": "Floor 34",
                "city": "New York",
                "postalCode": "10118",
                "country": "US"
              }
            }
            """,
        [typeof(WarehouseEvent)] = """
            {
              "eventId": "evt_01JF3Z7Q8K2M",
              "type": "shipment.dispatched",
              "orderId": "0193f0c4-9a2b-7f00-8c1d-3e4f5a6b7c8d",
              "carrier": "UPS",
              "trackingNumber": "1Z999AA10123456784",
              "occurredAt": "2026-12-04T09:30:00Z"
            }
            """,
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        // Also for a property's schema: a type used only as a member (CheckoutAddress) is transformed there.
        var type = context.JsonTypeInfo.Type;
        if (Optional.TryGetValue(type, out var optional) && schema.Required is { } required)
        {
            foreach (var name in optional)
            {
                required.Remove(name);
            }
        }

        if (WithOrderStatus.Contains(type) && schema.Properties is { } properties && properties.TryGetValue("status", out var found) && found is OpenApiSchema status)
        {
            status.Enum = [.. OrderStatus.All.Select(s => (JsonNode)JsonValue.Create(s))];
            status.Description = "The order's status; more intermediate values may be added (the contract never renames one), so treat an unknown value as still in progress.";
        }

        if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The W3C trace id of the request, to quote when asking for help.",
            };
            if (schema.Properties.TryGetValue("type", out var typeSchema) && typeSchema is OpenApiSchema problemType)
            {
                problemType.Description = "A URI naming the kind of problem; the list is in docs/api/problems.md.";
            }
        }

        if (Examples.TryGetValue(type, out var example))
        {
            schema.Examples = [JsonNode.Parse(example)!];
        }

        return Task.CompletedTask;
    }
}
