using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Commerce.Api.Ordering;

/// <summary>
/// The <c>text/event-stream</c> of one order: the current status, then on each signal every
/// timeline entry newer than the last one sent, until a terminal status or <c>lifetime</c>
/// (the shorter of the maximum lifetime and the token's expiry); while idle, a comment line every
/// <c>heartbeat</c>. Written by hand because <c>ServerSentEventsResult</c> cannot write comments.
/// Disposes the subscription and the stream slot when it ends, however it ends.
/// </summary>
internal sealed class OrderEventStream(
    OrderStatusEvent first,
    OrderStatusBroadcaster.Subscription subscription,
    IDisposable slot,
    TimeSpan lifetime,
    TimeSpan heartbeat) : IResult, IEndpointMetadataProvider
{
    private const string EventType = "status";
    private static readonly byte[] HeartbeatLine = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (slot)
        using (subscription)
        using (var ends = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted))
        {
            ends.CancelAfter(lifetime);
            var response = httpContext.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache,no-store";
            httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
            var json = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var db = httpContext.RequestServices.GetRequiredService<CommerceDbContext>();
            try
            {
                await WriteEventAsync(response, first, json, ends.Token);
                var (version, status) = (first.Version, first.Status);
                while (!OrderStatus.Terminal.Contains(status))
                {
                    if (!await SignalledAsync(ends.Token))
                    {
                        await WriteAsync(response, HeartbeatLine, ends.Token);
                        continue;
                    }

                    var newer = await db.Set<OrderTimelineEntry>().AsNoTracking()
                        .Where(t => t.OrderId == first.OrderId && t.Version > version)
                        .OrderBy(t => t.Version)
                        .ToListAsync(ends.Token);
                    foreach (var entry in newer)
                    {
                        (version, status) = (entry.Version, entry.Status);
                        await WriteEventAsync(response, new OrderStatusEvent(entry.OrderId, entry.Status, entry.Detail, entry.At, entry.Version), json, ends.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (ends.IsCancellationRequested)
            {
                // The lifetime or the token ran out, or the client left: the stream simply ends.
            }
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(OrderStatusEvent), ["text/event-stream"]));
    }

    /// <summary>
    /// The 200 as what it is: a <c>text/event-stream</c> string, not a JSON object (OpenAPI 3.1 has no
    /// schema for the items of a stream); the event's name and its data's schema go in <c>x-sse-event</c>.
    /// </summary>
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse ok)
        {
            return;
        }

        var name = nameof(OrderStatusEvent);
        context.Document!.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(OrderStatusEvent), null, cancellationToken));
        ok.Description = "The stream of status events.";
        ok.Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["text/event-stream"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = $"Events `event: {EventType}` whose `data:` line is an {name} in JSON; lines starting with `:` are heartbeats.",
                    Examples = [JsonValue.Create($"event: {EventType}\ndata: {{\"orderId\":\"0193f0c4-9a2b-7f00-8c1d-3e4f5a6b7c8d\",\"status\":\"AwaitingPayment\",\"detail\":null,\"at\":\"2026-12-04T09:30:00+00:00\",\"version\":2}}\n\n")],
                },
                Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
                {
                    ["x-sse-event"] = new JsonNodeExtension(new JsonObject
                    {
                        ["event"] = EventType,
                        ["data"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name}" },
                    }),
                },
            },
        };
    }

    /// <summary>True on a signal; false when <c>heartbeat</c> passed without one.</summary>
    private async Task<bool> SignalledAsync(CancellationToken cancellationToken)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        beat.CancelAfter(heartbeat);
        try
        {
            await subscription.Reader.WaitToReadAsync(beat.Token);
            return subscription.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Task WriteEventAsync(HttpResponse response, OrderStatusEvent statusEvent, JsonSerializerOptions json, CancellationToken cancellationToken) =>
        WriteAsync(response, Encoding.UTF8.GetBytes($"event: {EventType}\ndata: {JsonSerializer.Serialize(statusEvent, json)}\n\n"), cancellationToken);

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
