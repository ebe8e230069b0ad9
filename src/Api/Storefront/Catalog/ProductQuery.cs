namespace Commerce.Api.Storefront.Catalog;

/// <summary>A validated search: <c>q</c> is free text for <c>websearch_to_tsquery</c>, never SQL.</summary>
internal sealed record ProductQuery(string? Q, string? Category, decimal? MinPrice, decimal? MaxPrice, int Page, int PageSize);
