namespace Commerce.Sandbox.Stripe;

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
