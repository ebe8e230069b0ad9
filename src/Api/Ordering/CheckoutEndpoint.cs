using System.Security.Claims;
using Commerce.Api.Auth;
using Commerce.Api.Gateway;
using Commerce.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Commerce.Api.Ordering;

internal static class CheckoutEndpoint
{
    public static RouteHandlerBuilder MapCheckout(this RouteGroupBuilder v1) => v1
        .MapPost("/checkout", Checkout)
        .RequireAuthorization()
        .RequireRateLimiting(RateLimits.CheckoutPolicy)
        .WithTags(ApiTags.Checkout)
        .WithName("Checkout")
        .WithSummary("Accepts an order (202) and lets the checkout saga take it from there.")
        .WithDescription("""
            Stores the order and its first message durably, then answers 202 with the order's address in `Location`;
            stock, payment and shipping happen afterwards and show in the order's status. Without `items` the caller's
            cart is checked out. Prices come from the catalog, never from the request. Sending the same
            `Idempotency-Key` with the same body answers the same 202 again (retry freely after a timeout or a 503);
            the same key with another body is a 409.
            """)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            OperationDocs.RequireHeader(operation, IdempotencyKeyHeader, "A key of the client's choosing, unique per order it means to place (a UUID is a good choice); see the description.", CheckoutValidation.MaxIdempotencyKeyLength);
            OperationDocs.LocationHeader(operation, "202", "The order: /api/v1/orders/{orderId}.");
            return Task.CompletedTask;
        });

    private const string IdempotencyKeyHeader = "Idempotency-Key";

    private static async Task<Results<Accepted<CheckoutAccepted>, ValidationProblem, ProblemHttpResult>> Checkout(
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        CheckoutRequest request,
        ClaimsPrincipal user,
        CheckoutService checkout,
        CheckoutMetrics metrics,
        CancellationToken cancellationToken)
    {
        var errors = CheckoutValidation.Validate(request, idempotencyKey);
        if (errors.Count > 0)
        {
            metrics.Refused("invalid");
            return TypedResults.ValidationProblem(errors);
        }

        CheckoutOutcome outcome;
        try
        {
            outcome = await checkout.CheckoutAsync(user.GetUserId(), idempotencyKey!, request, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || e.InnerException is NpgsqlException)
        {
            // Nothing was stored, so nothing was accepted: the client may retry with the same key.
            metrics.Refused("unavailable");
            return TypedResults.Problem(title: "The order could not be stored durably; try again with the same Idempotency-Key.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        switch (outcome)
        {
            case CheckoutOutcome.Accepted:
                metrics.Accepted();
                break;
            case CheckoutOutcome.KeyReused:
                metrics.Refused("key_reused");
                break;
            default:
                metrics.Refused("invalid");
                break;
        }

        return outcome switch
        {
            CheckoutOutcome.Accepted accepted => Accepted(accepted.OrderId),
            CheckoutOutcome.KeyReused => TypedResults.Problem(title: "This Idempotency-Key was used with another request.", statusCode: StatusCodes.Status409Conflict),
            CheckoutOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
        };
    }

    private static Accepted<CheckoutAccepted> Accepted(Guid orderId)
    {
        var url = $"/api/v1/orders/{orderId}";
        return TypedResults.Accepted(url, new CheckoutAccepted(orderId, "Submitted", url));
    }
}
