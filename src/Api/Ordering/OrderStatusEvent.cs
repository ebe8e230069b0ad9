namespace Commerce.Api.Ordering;

internal sealed record OrderStatusEvent(Guid OrderId, string Status, string? Detail, DateTimeOffset At, int Version);
