namespace Commerce.Contracts.Payments;

/// <summary>Take the order's payment. <paramref name="AttemptId"/> ties the answer to this request.</summary>
public record ChargePayment(Guid OrderId, Guid AttemptId, long AmountMinor, string Currency, string PaymentMethod);

public record PaymentCaptured(Guid OrderId, Guid AttemptId, string PaymentIntentId, long AmountMinor);

public record PaymentDeclined(Guid OrderId, Guid AttemptId, string Code, string Reason);

public record RefundPayment(Guid OrderId, string PaymentIntentId, long AmountMinor);
