namespace Commerce.Search;

public sealed record CategoryCount(string Category, long Count);
