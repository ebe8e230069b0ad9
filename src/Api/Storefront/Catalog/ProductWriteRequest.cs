namespace Commerce.Api.Storefront.Catalog;

/// <summary>Create or replace a product. Stock has its own route, so <c>available</c> only appears on create.</summary>
internal sealed record ProductWriteRequest(
    string? Sku,
    string? Name,
    string? Description,
    string? Category,
    decimal? Price,
    string? Currency,
    Dictionary<string, string>? Attributes);
