namespace Commerce.Sandbox.Warehouse;

/// <summary>One attempt to deliver one event; the event (and its id) stays the same across attempts.</summary>
internal sealed record WebhookDelivery(string FulfillmentId, WarehouseEvent Event, int Attempt);
