namespace Commerce.Contracts.Checkout;

/// <summary>The customer asks to cancel; honoured until the order ships.</summary>
public record CancelOrder(Guid OrderId, Guid RequestedBy, DateTimeOffset RequestedAt);
