namespace Commerce.Workers.Fulfillment;

/// <summary>
/// Asks the warehouse to ship an order. Implemented on HttpClient (<c>WarehouseClient</c>).
/// Idempotent per <see cref="FulfillmentRequest.RequestId"/>.
/// </summary>
public interface IWarehouseClient
{
    Task<string> RequestFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken);
}
