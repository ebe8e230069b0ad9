namespace Commerce.Search;

/// <summary>
/// Elasticsearch refused a write for a reason a retry does not fix (a mapping error, a bad request).
/// The message counts the failures by error type and never holds document text.
/// </summary>
public sealed class SearchIndexException : Exception
{
    public SearchIndexException()
    {
    }

    public SearchIndexException(string message)
        : base(message)
    {
    }

    public SearchIndexException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
