namespace Commerce.Contracts.Payments;

/// <summary>Take the order's payment. <paramref name="AttemptId"/> ties the answer to this request.</summary>
public record ChargePayment(Guid OrderId, Guid AttemptId, long AmountMinor, string Currency, string PaymentMethod);
