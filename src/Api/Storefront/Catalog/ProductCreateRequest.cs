namespace Commerce.Api.Storefront.Catalog;

internal sealed record ProductCreateRequest(
    string? Sku,
    string? Name,
    string? Description,
    string? Category,
    decimal? Price,
    string? Currency,
    Dictionary<string, string>? Attributes,
    int? Available);
