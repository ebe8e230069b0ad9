namespace Commerce.Workers.Fulfillment;

public sealed record FulfillmentRequest(Guid OrderId, string RequestId, IReadOnlyList<FulfillmentLine> Lines, ShippingAddress Address);
