using Commerce.Api.Auth;
using Commerce.Api.Gateway;
using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Operations;

/// <summary>
/// <c>GET /admin/orders/stuck</c> (admin only): orders whose saga has not finished and whose status
/// has not changed for longer than <c>olderThan</c> (default <c>StuckOrders:Threshold</c>), the
/// longest-stuck first. The query is <see cref="StuckOrders"/>, shared with the CLI and the Workers' gauge.
/// </summary>
internal static class StuckOrderEndpoints
{
    private const int DefaultLimit = 100;

    public static WebApplicationBuilder AddStuckOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddStuckOrderOptions();
        return builder;
    }

    public static RouteGroupBuilder MapStuckOrders(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin/orders")
            .RequireAuthorization(CurrentUser.AdminPolicy)
            .WithTags(ApiTags.Operations);
        admin.MapGet("/stuck", ListAsync)
            .WithName("ListStuckOrders")
            .WithDescription("For an operator looking for orders that wait on something that will not come (a dead-lettered message, a provider that never answered); `limit` caps the list.")
            .WithSummary("Orders in a non-terminal saga state with no status change for longer than olderThan (seconds, 15m, or 00:15:00), oldest first (admin).");
        return v1;
    }

    private static async Task<Results<Ok<IReadOnlyList<StuckOrder>>, ValidationProblem>> ListAsync(
        string? olderThan, int? limit, CommerceDbContext db, IOptions<StuckOrderOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var age = options.Value.Threshold;
        var validation = new Validation()
            .Check(olderThan is null || StuckOrders.TryParseAge(olderThan, out age), "olderThan", $"olderThan must be seconds (900), a number with s, m, h or d (15m) or a TimeSpan (00:15:00), above 0 and at most {StuckOrders.MaxAge.TotalDays:0} days")
            .Check(limit is null or (>= 1 and <= StuckOrders.MaxLimit), "limit", $"limit must be between 1 and {StuckOrders.MaxLimit}");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        return TypedResults.Ok(await StuckOrders.ListAsync(db, age, limit ?? DefaultLimit, clock.GetUtcNow(), cancellationToken));
    }
}
