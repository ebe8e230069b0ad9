using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;

namespace Commerce.Search;

/// <summary>
/// The one place that turns the client's answers into this library's exceptions: no answer,
/// a timeout, 429 and 5xx are <see cref="SearchUnavailableException"/>; other refusals are
/// <see cref="SearchIndexException"/>. Messages carry the status and Elasticsearch's error type only.
/// </summary>
internal static class ElasticsearchCalls
{
    public const string IndexNotFound = "index_not_found_exception";
    public const string ResourceAlreadyExists = "resource_already_exists_exception";
    public const string VersionConflict = "version_conflict_engine_exception";

    /// <summary>Sends, mapping what the transport throws (it should not, with ThrowExceptions off) to <see cref="SearchUnavailableException"/>.</summary>
    public static async Task<TResponse> SendAsync<TResponse>(string operation, Func<Task<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : ElasticsearchResponse
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (TransportException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SearchUnavailableException($"Elasticsearch did not answer {operation} ({e.FailureReason?.ToString() ?? "transport failure"})", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SearchUnavailableException($"Elasticsearch did not answer {operation} in time", e);
        }
        catch (HttpRequestException e)
        {
            throw new SearchUnavailableException($"Elasticsearch did not answer {operation}", e);
        }
    }

    public static int? Status(ElasticsearchResponse response) => response.ApiCallDetails?.HttpStatusCode;

    public static string? ErrorType(ElasticsearchResponse response) => response.ElasticsearchServerError?.Error?.Type;

    public static bool IsTransient(int? status) => status is null or 429 or >= 500;

    /// <summary>Returns when the response is valid; otherwise throws the exception its failure maps to.</summary>
    public static void EnsureSuccess(ElasticsearchResponse response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsValidResponse)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw Failure(response, operation);
    }

    public static Exception Failure(ElasticsearchResponse response, string operation)
    {
        var status = Status(response);
        if (IsTransient(status))
        {
            return Unavailable(response, operation);
        }

        return new SearchIndexException($"Elasticsearch refused {operation}: HTTP {status} {ErrorType(response) ?? "without an error type"}");
    }

    public static SearchUnavailableException Unavailable(ElasticsearchResponse response, string operation)
    {
        var status = Status(response);
        var original = response.ApiCallDetails?.OriginalException;
        if (status is null)
        {
            var reason = original is TimeoutException or OperationCanceledException || original?.InnerException is TimeoutException
                ? "in time"
                : $"({original?.GetType().Name ?? "no response"})";
            return new SearchUnavailableException($"Elasticsearch did not answer {operation} {reason}", original);
        }

        // No inner exception here: the client's holds the server's reason, which can quote document text.
        return new SearchUnavailableException($"Elasticsearch could not serve {operation}: HTTP {status} {ErrorType(response) ?? string.Empty}".TrimEnd());
    }
}
