namespace Commerce.Workers.Fulfillment;

public sealed record FulfillmentLine(string Sku, int Quantity);
