namespace Commerce.Sandbox.Stripe;

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
