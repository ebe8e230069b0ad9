using Commerce.Api.Auth;
using Commerce.Api.OpenApi;
using Commerce.Api.Ordering;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Operations;

/// <summary>
/// <c>GET /admin/orders</c> (admin only): every customer's orders, newest first, or the one a
/// customer quotes by its order number (<c>CM-100000001</c>, or just the digits).
/// </summary>
internal static class AdminOrderEndpoints
{
    public static RouteGroupBuilder MapAdminOrders(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/orders")
            .RequireAuthorization(CurrentUser.AdminPolicy)
            .WithTags(ApiTags.Operations);
        admin.MapGet("/", SearchAsync)
            .WithName("SearchOrders")
            .WithDescription("For support and operations finding the order a customer quotes by its number; without `orderNumber` it pages through all orders. `page` starts at 1, `pageSize` is 1–100.")
            .WithSummary("Every customer's orders, newest first, or the one with orderNumber (CM-100000001 or 100000001), paged (admin).");
        return v1;
    }

    private static async Task<Results<Ok<OrderPage>, ValidationProblem>> SearchAsync(
        string? orderNumber, CommerceDbContext db, CancellationToken cancellationToken, int page = 1, int pageSize = 20)
    {
        var orders = db.Orders.AsNoTracking();
        if (orderNumber is not null)
        {
            if (!OrderNumbers.TryParse(orderNumber, out var number))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["orderNumber"] = [$"orderNumber must be an order number such as {OrderNumbers.Format(OrderNumbers.First)}."] });
            }

            orders = orders.Where(o => o.Number == number);
        }

        return await OrdersEndpoints.PageAsync(orders, page, pageSize, cancellationToken);
    }
}
