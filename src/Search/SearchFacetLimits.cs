namespace Commerce.Search;

public static class SearchFacetLimits
{
    /// <summary>At most this many categories, by count descending then name.</summary>
    public const int Categories = 20;
}
