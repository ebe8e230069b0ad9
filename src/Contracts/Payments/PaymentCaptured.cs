namespace Commerce.Contracts.Payments;

public record PaymentCaptured(Guid OrderId, Guid AttemptId, string PaymentIntentId, long AmountMinor);
