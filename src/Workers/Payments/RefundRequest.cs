namespace Commerce.Workers.Payments;

public sealed record RefundRequest(Guid OrderId, string PaymentIntentId, long AmountMinor, string IdempotencyKey);
