namespace Commerce.Search;

/// <summary>Where product search runs: PostgreSQL (the default, no extra service) or Elasticsearch.</summary>
public enum SearchBackend
{
    Postgres,
    Elasticsearch,
}
