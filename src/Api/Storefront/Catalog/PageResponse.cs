namespace Commerce.Api.Storefront.Catalog;

internal sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
