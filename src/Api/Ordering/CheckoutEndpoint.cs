using System.Security.Claims;
using Commerce.Api.Auth;
using Commerce.Api.Gateway;
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
        .WithName("Checkout")
        .WithSummary("Accepts an order (202) and lets the checkout saga take it from there.");

    private static async Task<Results<Accepted<CheckoutAccepted>, ValidationProblem, ProblemHttpResult>> Checkout(
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
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
