namespace Commerce.Sandbox.Warehouse;

internal sealed record FulfillmentAccepted(string FulfillmentId);
