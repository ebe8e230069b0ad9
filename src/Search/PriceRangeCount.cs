namespace Commerce.Search;

/// <summary><see cref="From"/> inclusive, <see cref="To"/> exclusive; null is open.</summary>
public sealed record PriceRangeCount(decimal? From, decimal? To, long Count);
