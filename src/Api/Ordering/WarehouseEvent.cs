namespace Commerce.Api.Ordering;

/// <summary>The body of <c>POST /api/v1/webhooks/warehouse</c>: one shipment event of the warehouse.</summary>
internal sealed record WarehouseEvent(string EventId, string Type, Guid OrderId, string? Carrier, string? TrackingNumber, DateTimeOffset OccurredAt);
