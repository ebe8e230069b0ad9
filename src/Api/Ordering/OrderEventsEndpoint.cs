using System.Globalization;
using System.Security.Claims;
using Commerce.Api.Auth;
using Commerce.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Ordering;

internal static class OrderEventsEndpoint
{
    /// <summary>A slot frees only when some stream ends, at no time known in advance: a short wait to suggest.</summary>
    private const int RetryAfterSeconds = 10;

    public static RouteHandlerBuilder MapOrderEvents(this RouteGroupBuilder v1) => v1
        .MapGet("/orders/{id:guid}/events", Events)
        .RequireAuthorization()
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithTags(ApiTags.OrderStatus)
        .WithName("GetOrderEvents")
        .WithSummary("Server-sent events: the current status, then one event per status change until a final status, the stream's maximum lifetime or the token's expiry; a comment line as heartbeat.")
        .WithDescription("""
            A `text/event-stream`. Each event is `event: status` with one line `data: <OrderStatusEvent as JSON>`
            (schema in `x-sse-event`); the first is the current status. Lines starting with `:` are heartbeats to ignore.
            The stream ends after a final status (Delivered, Rejected, PaymentFailed, Cancelled), after its maximum
            lifetime or when the access token expires: reconnect with a fresh token to go on. Errors (404, 429) are
            problem+json whatever the `Accept` header.
            """)
        .AddOpenApiOperationTransformer(OrderEventStream.DescribeAsync);

    private static async Task<Results<OrderEventStream, NotFound, ProblemHttpResult>> Events(
        Guid id,
        HttpContext http,
        CommerceDbContext db,
        OrderStatusBroadcaster broadcaster,
        OrderStreamSlots slots,
        IOptions<OrderStreamOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // The ownership check comes first: an id the caller may not see takes no slot and leaves no watcher.
        var order = await db.Orders.AsNoTracking().Visible(http.User)
            .Where(o => o.Id == id)
            .Select(o => new { o.Status, o.StatusVersion, o.UpdatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        var slot = slots.TryTake(http.User.GetUserId());
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Too many open status streams",
                detail: $"At most {options.Value.MaxPerUser} per user; close one, or retry later.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        var subscription = broadcaster.Watch(id);
        // A change committed between the read above and the subscription would not signal it: read the timeline once anyway.
        subscription.Signal();
        var first = new OrderStatusEvent(id, order.Status, null, order.UpdatedAt, order.StatusVersion);
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromTicks(Math.Min(options.Value.MaxLifetime.Ticks, Math.Max(0, (TokenExpiry(http.User, now) - now).Ticks)));
        return new OrderEventStream(first, subscription, slot, lifetime, options.Value.HeartbeatInterval);
    }

    /// <summary>The access token's <c>exp</c>: the stream must not outlive the permission it was opened with.</summary>
    private static DateTimeOffset TokenExpiry(ClaimsPrincipal user, DateTimeOffset now) =>
        long.TryParse(user.FindFirstValue("exp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
            : now;
}
