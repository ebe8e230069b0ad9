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

/// <summary>A PaymentIntent as the tests' records show it (camelCase, with what Stripe keeps elsewhere).</summary>
internal sealed record PaymentIntentRecord(
    string Id,
    string? OrderId,
    long Amount,
    long AmountReceived,
    long AmountRefunded,
    string Currency,
    string Status,
    string? PaymentMethod,
    string CaptureMethod,
    string? LatestCharge,
    string? DeclineCode,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset Created)
{
    public static PaymentIntentRecord From(StripePaymentIntent i) => new(
        i.Id, i.OrderId, i.Amount, i.AmountReceived, i.AmountRefunded, i.Currency, i.Status, i.PaymentMethod, i.CaptureMethod,
        i.LatestCharge, i.LastPaymentError?.DeclineCode, i.IdempotencyKey, i.Metadata, DateTimeOffset.FromUnixTimeSeconds(i.Created));
}

internal sealed record RefundRecord(
    string Id,
    string? OrderId,
    string PaymentIntent,
    long Amount,
    string Currency,
    string Status,
    string? Reason,
    string? IdempotencyKey,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset Created)
{
    public static RefundRecord From(StripeRefund r) => new(
        r.Id, r.OrderId, r.PaymentIntent, r.Amount, r.Currency, r.Status, r.Reason, r.IdempotencyKey, r.Metadata, DateTimeOffset.FromUnixTimeSeconds(r.Created));
}
