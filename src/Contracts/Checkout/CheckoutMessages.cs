namespace Commerce.Contracts.Checkout;

/// <summary>Sent by the Api (through its outbox) once an order is stored: starts the order saga.</summary>
public record SubmitOrder(Guid OrderId, Guid CustomerId, string CustomerEmail, decimal Total, string Currency, string PaymentMethod, DateTimeOffset SubmittedAt);

/// <summary>The saga has taken the order on.</summary>
public record OrderSubmitted(Guid OrderId, DateTimeOffset At);

/// <summary>The customer asks to cancel; honoured until the order ships.</summary>
public record CancelOrder(Guid OrderId, Guid RequestedBy, DateTimeOffset RequestedAt);

/// <summary>
/// Every status change, for the order's status and timeline and for live updates.
/// <see cref="Version"/> increases with each change of one order, so a late copy never wins.
/// </summary>
public record OrderStatusChanged(Guid OrderId, string Status, string? Detail, DateTimeOffset At)
{
    public int Version { get; init; }

    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }
}
