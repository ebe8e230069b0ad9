namespace Commerce.Contracts.Fulfillment;

/// <summary>From the warehouse webhook: the parcel left the warehouse.</summary>
public record ShipmentDispatched(Guid OrderId, string Carrier, string TrackingNumber, DateTimeOffset At);
