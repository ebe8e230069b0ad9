namespace Commerce.Contracts.Payments;

public record RefundPayment(Guid OrderId, string PaymentIntentId, long AmountMinor);
