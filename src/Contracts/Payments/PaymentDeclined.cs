namespace Commerce.Contracts.Payments;

public record PaymentDeclined(Guid OrderId, Guid AttemptId, string Code, string Reason);
