using System.Security.Claims;
using Commerce.Api.Auth;
using Commerce.Contracts;
using Commerce.Contracts.Checkout;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Ordering;

internal static class OrdersEndpoints
{
    public const int MaxPageSize = 100;

    /// <summary>Far past any real order history; bounds <c>(page - 1) * pageSize</c> well inside an int.</summary>
    public const int MaxPage = 10_000;

    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder v1)
    {
        var orders = v1.MapGroup("/orders").RequireAuthorization().WithTags(ApiTags.Orders);
        orders.MapGet("/{id:guid}", GetOrder).WithName("GetOrder").WithSummary("One order, with its timeline (404 unless it is the caller's; admins see all).")
            .WithDescription("The order's status, lines, total, shipment and every status it has had. An order of another customer answers 404, exactly as one that does not exist.");
        orders.MapGet("/", ListOrders).WithName("ListOrders").WithSummary("The caller's orders, newest first.")
            .WithDescription("A page of the caller's own orders (admins too see only their own here), newest first, with the total count.");
        orders.MapPost("/{id:guid}/cancel", CancelOrder).WithName("CancelOrder").WithSummary("Asks the saga to cancel the order (202), unless it has shipped or finished (409).")
            .WithDescription("The request is stored before the 202; the saga then releases the stock and refunds any payment, and the order ends Cancelled. Follow it at the address in `Location`.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                OperationDocs.LocationHeader(operation, "202", "The order: /api/v1/orders/{id}.");
                return Task.CompletedTask;
            });
        return v1;
    }

    /// <summary>The caller's order, or an admin's view of anyone's; null hides whether it exists.</summary>
    internal static IQueryable<Order> Visible(this IQueryable<Order> orders, ClaimsPrincipal user)
    {
        if (user.IsAdmin())
        {
            return orders;
        }

        var userId = user.GetUserId();
        return orders.Where(o => o.CustomerId == userId);
    }

    private static async Task<Results<Ok<OrderView>, NotFound>> GetOrder(Guid id, ClaimsPrincipal user, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.Timeline)
            .Visible(user).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(OrderView.From(order));
    }

    private static Task<Results<Ok<OrderPage>, ValidationProblem>> ListOrders(ClaimsPrincipal user, CommerceDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 20)
    {
        var userId = user.GetUserId();
        return PageAsync(db.Orders.AsNoTracking().Where(o => o.CustomerId == userId), page, pageSize, cancellationToken);
    }

    /// <summary>One page of <paramref name="orders"/>, newest first, with their lines and timelines; 400 for a page out of range.</summary>
    internal static async Task<Results<Ok<OrderPage>, ValidationProblem>> PageAsync(IQueryable<Order> orders, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (page is < 1 or > MaxPage || pageSize is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"1 ≤ page ≤ {MaxPage} and 1 ≤ pageSize ≤ {MaxPageSize}."] });
        }

        var total = await orders.CountAsync(cancellationToken);
        var items = await orders.OrderByDescending(o => o.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize)
            .AsSplitQuery().Include(o => o.Lines).Include(o => o.Timeline).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrderPage([.. items.Select(OrderView.From)], page, pageSize, total));
    }

    private static async Task<Results<Accepted, NotFound, ProblemHttpResult>> CancelOrder(
        Guid id, ClaimsPrincipal user, CommerceDbContext db, ISendEndpointProvider send, TimeProvider clock, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Visible(user).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        if (!OrderStatus.CanBeCancelled(order.Status))
        {
            return TypedResults.Problem(title: $"The order is {order.Status} and can no longer be cancelled.", statusCode: StatusCodes.Status409Conflict);
        }

        // Through the bus outbox: the request is stored before the 202, and sent after the commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saga = await send.GetSendEndpoint(Queues.OrderSagaAddress);
        await saga.Send(new CancelOrder(id, user.GetUserId(), clock.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/orders/{id}");
    }
}
