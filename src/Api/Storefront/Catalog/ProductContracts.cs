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

internal sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>A validated search: <c>q</c> is free text for <c>websearch_to_tsquery</c>, never SQL.</summary>
internal sealed record ProductQuery(string? Q, string? Category, decimal? MinPrice, decimal? MaxPrice, int Page, int PageSize);

/// <summary>Create or replace a product. Stock has its own route, so <c>available</c> only appears on create.</summary>
internal sealed record ProductWriteRequest(
    string? Sku,
    string? Name,
    string? Description,
    string? Category,
    decimal? Price,
    string? Currency,
    Dictionary<string, string>? Attributes);

internal sealed record ProductCreateRequest(
    string? Sku,
    string? Name,
    string? Description,
    string? Category,
    decimal? Price,
    string? Currency,
    Dictionary<string, string>? Attributes,
    int? Available);

internal sealed record StockRequest(int? Available);
