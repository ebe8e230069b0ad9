namespace Commerce.Search;

/// <summary>
/// Elasticsearch could not serve the request now (not reachable, timed out, 5xx, 429, or the alias
/// is missing on search): the caller falls back to PostgreSQL or retries later. The message never
/// holds a request or response body.
/// </summary>
public sealed class SearchUnavailableException : Exception
{
    public SearchUnavailableException()
    {
    }

    public SearchUnavailableException(string message)
        : base(message)
    {
    }

    public SearchUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
