namespace Commerce.Workers.Payments;

public sealed record ChargeRequest(Guid OrderId, long AmountMinor, string Currency, string PaymentMethod, string IdempotencyKey);
