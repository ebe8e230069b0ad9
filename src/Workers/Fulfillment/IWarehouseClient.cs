using Commerce.Workers.Integrations;

namespace Commerce.Workers.Fulfillment;

/// <summary>
/// Asks the warehouse to ship an order. Implemented on HttpClient (<c>WarehouseClient</c>).
/// Idempotent per <see cref="FulfillmentRequest.RequestId"/>.
/// </summary>
public interface IWarehouseClient
{
    Task<string> RequestFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken);
}

public sealed record FulfillmentRequest(Guid OrderId, string RequestId, IReadOnlyList<FulfillmentLine> Lines, ShippingAddress Address);

public sealed record FulfillmentLine(string Sku, int Quantity);

public sealed record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

public sealed class WarehouseUnavailableException(string message, Exception? inner = null) : ProviderUnavailableException(message, inner);
