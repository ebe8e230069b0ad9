namespace Commerce.Search;

/// <summary>The "Search" section: which backend serves product search, and how to reach Elasticsearch.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    public SearchBackend Backend { get; set; } = SearchBackend.Postgres;

    public ElasticsearchOptions Elasticsearch { get; set; } = new();
}
