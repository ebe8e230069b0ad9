namespace Commerce.Contracts.Fulfillment;

/// <summary>From the warehouse webhook: the parcel reached the customer.</summary>
public record ShipmentDelivered(Guid OrderId, string Carrier, string TrackingNumber, DateTimeOffset At);
