using Commerce.Api.Auth;
using Commerce.Api.Gateway;
using Commerce.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Commerce.Api.OpenApi;

namespace Commerce.Api.Storefront.Cart;

/// <summary><c>/cart</c> of the signed-in user. Names and prices come from the catalog at read time, never from the client.</summary>
internal static class CartEndpoints
{
    public const int MaxQuantity = 99;
    private const string DefaultCurrency = "USD";

    public static RouteGroupBuilder MapCart(this RouteGroupBuilder v1)
    {
        var cart = v1.MapGroup("/cart").RequireAuthorization().WithTags(ApiTags.Cart).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        cart.MapGet("/", GetAsync).WithName("GetCart").WithSummary("The caller's cart, priced from the catalog.")
            .WithDescription("Names and prices are the catalog's at the time of reading; a checkout without `items` orders exactly these lines.");
        cart.MapPut("/items/{productId:guid}", SetItemAsync).WithName("SetCartItem").WithSummary("Sets a line's quantity; 0 removes it.")
            .WithDescription("Answers the whole cart. 404 for an unknown product, 409 when the stock is short of the quantity.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        cart.MapDelete("/", ClearAsync).WithName("ClearCart").WithSummary("Empties the cart.")
            .WithDescription("Removes every line; a checkout of the cart does not empty it by itself.");
        return v1;
    }

    private static async Task<Ok<CartResponse>> GetAsync(
        HttpContext http, RedisCartStore carts, CommerceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PriceAsync(await carts.GetLinesAsync(http.User.GetUserId(), cancellationToken), db, cancellationToken));

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> SetItemAsync(
        Guid productId, SetCartItemRequest request, HttpContext http, RedisCartStore carts, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(request.Quantity is not null, "quantity", "quantity is required")
            .Check(request.Quantity is null or >= 0 and <= MaxQuantity, "quantity", $"quantity must be between 0 and {MaxQuantity}");
        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        var quantity = request.Quantity!.Value;
        var userId = http.User.GetUserId();
        if (quantity > 0)
        {
            var available = await db.Products.Where(p => p.Id == productId).Select(p => (int?)p.Available).SingleOrDefaultAsync(cancellationToken);
            if (available is null)
            {
                return TypedResults.Problem(title: "Product not found", statusCode: StatusCodes.Status404NotFound);
            }

            if (quantity > available)
            {
                return TypedResults.Problem(title: "Not enough stock", detail: $"{available} available", statusCode: StatusCodes.Status409Conflict);
            }
        }

        if (!await carts.SetQuantityAsync(userId, productId, quantity, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["productId"] = [$"a cart holds at most {RedisCartStore.MaxLines} different products"],
            });
        }

        return TypedResults.Ok(await PriceAsync(await carts.GetLinesAsync(userId, cancellationToken), db, cancellationToken));
    }

    private static async Task<NoContent> ClearAsync(HttpContext http, RedisCartStore carts, CancellationToken cancellationToken)
    {
        await carts.ClearAsync(http.User.GetUserId(), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Prices lines from PostgreSQL (not the cache): a cart must show what checkout will charge.</summary>
    private static async Task<CartResponse> PriceAsync(IReadOnlyList<CartLine> lines, CommerceDbContext db, CancellationToken cancellationToken)
    {
        var ids = lines.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Price, p.Currency })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        // A product deleted since it was added simply drops out of the cart.
        var items = new List<CartItemResponse>();
        foreach (var line in lines)
        {
            if (products.TryGetValue(line.ProductId, out var p))
            {
                items.Add(new CartItemResponse(line.ProductId, p.Name, line.Quantity, p.Price, decimal.Round(p.Price * line.Quantity, 2)));
            }
        }

        var currency = products.Values.Select(p => p.Currency.Trim()).FirstOrDefault() ?? DefaultCurrency;
        return new CartResponse(items, items.Sum(i => i.LineTotal), currency);
    }
}
