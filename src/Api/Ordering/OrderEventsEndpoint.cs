using System.Runtime.CompilerServices;
using System.Security.Claims;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Ordering;

internal static class OrderEventsEndpoint
{
    public static RouteHandlerBuilder MapOrderEvents(this RouteGroupBuilder v1) => v1
        .MapGet("/orders/{id:guid}/events", Events)
        .RequireAuthorization()
        .WithName("GetOrderEvents")
        .WithSummary("Server-sent events: the current status, then one event per status change until a final status.");

    private static async Task<Results<ServerSentEventsResult<OrderStatusEvent>, NotFound>> Events(
        Guid id, ClaimsPrincipal user, CommerceDbContext db, OrderStatusBroadcaster broadcaster, CancellationToken cancellationToken)
    {
        // Subscribe before reading the current status, so no change can fall between the two.
        var subscription = broadcaster.Watch(id);
        var order = await db.Orders.AsNoTracking().Visible(user)
            .Where(o => o.Id == id)
            .Select(o => new { o.Status, o.StatusVersion, o.UpdatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            subscription.Dispose();
            return TypedResults.NotFound();
        }

        var first = new OrderStatusEvent(id, order.Status, null, order.UpdatedAt, order.StatusVersion);
        return TypedResults.ServerSentEvents(Stream(first, subscription, db, cancellationToken), eventType: "status");
    }

    /// <summary>The current status, then on each signal every timeline entry newer than the last one sent, until a terminal status.</summary>
    private static async IAsyncEnumerable<OrderStatusEvent> Stream(
        OrderStatusEvent first, OrderStatusBroadcaster.Subscription subscription, CommerceDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (subscription)
        {
            yield return first;
            var version = first.Version;
            var status = first.Status;
            while (!OrderStatus.Terminal.Contains(status) && await subscription.Reader.WaitToReadAsync(cancellationToken))
            {
                subscription.Reader.TryRead(out _);
                var newer = await db.Set<OrderTimelineEntry>().AsNoTracking()
                    .Where(t => t.OrderId == first.OrderId && t.Version > version)
                    .OrderBy(t => t.Version)
                    .ToListAsync(cancellationToken);
                foreach (var entry in newer)
                {
                    version = entry.Version;
                    status = entry.Status;
                    yield return new OrderStatusEvent(entry.OrderId, entry.Status, entry.Detail, entry.At, entry.Version);
                }
            }
        }
    }
}
