namespace Commerce.Search;

/// <summary>"Search:Elasticsearch": the cluster, its credentials (an API key or a user), the alias the products live behind.</summary>
public sealed class ElasticsearchOptions
{
    public Uri? Url { get; set; }

    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Readers and writers only know the alias; the concrete index behind it changes on every rebuild.</summary>
    public string IndexAlias { get; set; } = "products";

    /// <summary>Short by default: a slow search must fall back to PostgreSQL well before the client gives up on the page.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
