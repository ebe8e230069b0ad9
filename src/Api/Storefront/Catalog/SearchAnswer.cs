namespace Commerce.Api.Storefront.Catalog;

/// <summary>A search page and the backend that produced it (the <c>X-Search-Backend</c> header).</summary>
internal sealed record SearchAnswer(ProductSearchResponse Page, string Backend)
{
    public const string Header = "X-Search-Backend";

    public const string Postgres = "postgres";

    public const string Elasticsearch = "elasticsearch";

    /// <summary>Elasticsearch is configured but did not answer; PostgreSQL did.</summary>
    public const string PostgresFallback = "postgres-fallback";
}
