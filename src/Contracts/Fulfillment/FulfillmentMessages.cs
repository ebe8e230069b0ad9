namespace Commerce.Contracts.Fulfillment;

/// <summary>Hand a confirmed order to the warehouse.</summary>
public record RequestFulfillment(Guid OrderId);

/// <summary>From the warehouse webhook: the parcel left the warehouse.</summary>
public record ShipmentDispatched(Guid OrderId, string Carrier, string TrackingNumber, DateTimeOffset At);

/// <summary>From the warehouse webhook: the parcel reached the customer.</summary>
public record ShipmentDelivered(Guid OrderId, string Carrier, string TrackingNumber, DateTimeOffset At);
