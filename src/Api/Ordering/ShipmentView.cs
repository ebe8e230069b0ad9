namespace Commerce.Api.Ordering;

internal sealed record ShipmentView(string Carrier, string? TrackingNumber);
