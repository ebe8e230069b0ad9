namespace Commerce.Sandbox.Warehouse;

internal sealed record FulfillmentLine(string? Sku, int Quantity);
