namespace Commerce.Contracts.Checkout;

/// <summary>Sent by the Api (through its outbox) once an order is stored: starts the order saga.</summary>
public record SubmitOrder(Guid OrderId, Guid CustomerId, string CustomerEmail, decimal Total, string Currency, string PaymentMethod, DateTimeOffset SubmittedAt);
