using Commerce.Sandbox.Faults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Sandbox.Stripe;

/// <summary>The Stripe-compatible subset under <c>/v1</c>, and its records for tests under <c>/sandbox/stripe</c>.</summary>
internal static class StripeEndpoints
{
    public static IEndpointRouteBuilder MapStripe(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").AddEndpointFilter(new FaultFilter(FaultTarget.Stripe, ErrorResult));
        v1.MapPost("/payment_intents", (HttpContext http, StripeGateway gateway, PaymentLedger ledger) =>
            gateway.PostAsync(http, ledger.CreatePaymentIntent));
        v1.MapGet("/payment_intents/{id}", (string id, HttpContext http, PaymentLedger ledger) =>
            StripeGateway.Get(http, () => ledger.GetPaymentIntent(id)));
        v1.MapPost("/payment_intents/{id}/confirm", (string id, HttpContext http, StripeGateway gateway, PaymentLedger ledger) =>
            gateway.PostAsync(http, call => ledger.ConfirmPaymentIntent(id, call)));
        v1.MapPost("/payment_intents/{id}/capture", (string id, HttpContext http, StripeGateway gateway, PaymentLedger ledger) =>
            gateway.PostAsync(http, call => ledger.CapturePaymentIntent(id, call)));
        v1.MapPost("/payment_intents/{id}/cancel", (string id, HttpContext http, StripeGateway gateway, PaymentLedger ledger) =>
            gateway.PostAsync(http, call => ledger.CancelPaymentIntent(id, call)));
        v1.MapPost("/refunds", (HttpContext http, StripeGateway gateway, PaymentLedger ledger) =>
            gateway.PostAsync(http, ledger.CreateRefund));
        v1.MapGet("/refunds/{id}", (string id, HttpContext http, PaymentLedger ledger) =>
            StripeGateway.Get(http, () => ledger.GetRefund(id)));

        var records = app.MapGroup("/sandbox/stripe");
        records.MapGet("/payment-intents", (string? orderId, PaymentLedger ledger) =>
            TypedResults.Ok(ledger.PaymentIntents(orderId).Select(PaymentIntentRecord.From)));
        records.MapGet("/refunds", (string? orderId, PaymentLedger ledger) =>
            TypedResults.Ok(ledger.Refunds(orderId).Select(RefundRecord.From)));
        return app;
    }

    private static JsonHttpResult<StripeErrorBody> ErrorResult(int statusCode, string message) =>
        TypedResults.Json(new StripeErrorBody(new("api_error", message)), StripeJson.Options, statusCode: statusCode);
}
