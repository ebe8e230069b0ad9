namespace Commerce.Api.Storefront.Catalog;

internal sealed record StockRequest(int? Available);
