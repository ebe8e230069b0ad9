namespace Commerce.Contracts.Notifications;

/// <summary>
/// Email the customer about an order event. <paramref name="EventType"/> is one of confirmed,
/// rejected, payment-failed, shipped, delivered, cancelled: one email per (order, event type).
/// </summary>
public record SendNotification(Guid OrderId, string EventType);
