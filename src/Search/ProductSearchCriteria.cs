namespace Commerce.Search;

/// <summary>What the shopper asked for; <see cref="Page"/> counts from 1.</summary>
public sealed record ProductSearchCriteria(string? Text, string? Category, decimal? MinPrice, decimal? MaxPrice, int Page, int PageSize);
