using Commerce.Persistence.Catalog;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>A product as clients see it: no stock counters beyond <c>available</c>, no search vector.</summary>
internal sealed record ProductResponse(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    string Category,
    decimal Price,
    string Currency,
    IReadOnlyDictionary<string, string> Attributes,
    int Available)
{
    public static ProductResponse From(Product p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Sku, p.Name, p.Description, p.Category, p.Price, p.Currency.Trim(), p.Attributes, p.Available);
    }
}
