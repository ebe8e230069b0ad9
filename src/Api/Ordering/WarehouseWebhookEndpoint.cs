using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Commerce.Contracts.Fulfillment;
using Commerce.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Ordering;

internal static class WarehouseWebhookEndpoint
{
    private const int MaxBodyBytes = 16 * 1024;

    public static RouteHandlerBuilder MapWarehouseWebhook(this RouteGroupBuilder v1) => v1
        .MapPost("/webhooks/warehouse", Receive)
        .AllowAnonymous()
        .Accepts<WarehouseEvent>("application/json")
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .WithTags(ApiTags.Webhooks)
        .WithName("WarehouseWebhook")
        .WithSummary("Shipment events from the warehouse, signed with HMAC-SHA256 (Warehouse-Signature).")
        .WithDescription("Called by the warehouse, not by shop clients. 200 when the event is taken, and again for a repeated `eventId` (no second effect); 401 for a missing, wrong or stale signature; 400 for a body that is not a shipment event.")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            OperationDocs.RequireHeader(operation, "Warehouse-Signature", "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">` with the shared webhook secret; a `t` older than the tolerance (300 s by default) is refused.", 1024);
            return Task.CompletedTask;
        });

    private static async Task<Results<Ok, UnauthorizedHttpResult, ValidationProblem>> Receive(
        HttpRequest request,
        IOptions<WarehouseWebhookOptions> options,
        CommerceDbContext db,
        IPublishEndpoint publish,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (body.Length > MaxBodyBytes ||
            !WebhookSignature.IsValid(request.Headers["Warehouse-Signature"], body, options.Value.WebhookSecrets, clock.GetUtcNow(), options.Value.Tolerance))
        {
            return TypedResults.Unauthorized();
        }

        WarehouseEvent? evt;
        try
        {
            evt = JsonSerializer.Deserialize<WarehouseEvent>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            evt = null;
        }

        if (evt is not { EventId.Length: > 0, OrderId: var orderId } || orderId == Guid.Empty || evt.Type is not ("shipment.dispatched" or "shipment.delivered"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Expected {eventId, type: shipment.dispatched|shipment.delivered, orderId, carrier, trackingNumber, occurredAt}."] });
        }

        // The message id is derived from the event id: a repeated event is the same message, which
        // the saga's inbox drops — 200 again, and no second effect.
        var messageId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"warehouse:{evt.EventId}")).AsSpan(0, 16));
        object message = evt.Type == "shipment.dispatched"
            ? new ShipmentDispatched(orderId, evt.Carrier ?? "", evt.TrackingNumber ?? "", evt.OccurredAt)
            : new ShipmentDelivered(orderId, evt.Carrier ?? "", evt.TrackingNumber ?? "", evt.OccurredAt);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await publish.Publish(message, context => context.MessageId = messageId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok();
    }
}
