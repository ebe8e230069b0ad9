namespace Commerce.Sandbox.Warehouse;

/// <summary>The webhook body, as the API spec defines it.</summary>
internal sealed record WarehouseEvent(string EventId, string Type, string OrderId, string Carrier, string TrackingNumber, DateTimeOffset OccurredAt)
{
    public const string Dispatched = "shipment.dispatched";
    public const string Delivered = "shipment.delivered";
}
