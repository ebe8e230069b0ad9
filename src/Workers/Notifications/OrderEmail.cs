namespace Commerce.Workers.Notifications;

/// <summary><paramref name="EventId"/> is stable per (order, event type): the provider-side duplicate key.</summary>
public sealed record OrderEmail(Guid OrderId, string OrderNumber, string EventType, string EventId, string To, string Subject, string Html, string Text);
