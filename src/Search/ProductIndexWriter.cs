using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Search;

/// <summary>
/// Writes products with one bulk request, each under the product's own version as Elasticsearch's
/// external version: an event that arrives late, older than what the index holds, is Stale and
/// changes nothing, so the index converges whatever order the events come in.
/// </summary>
public sealed partial class ProductIndexWriter
{
    private readonly ElasticsearchClient _client;
    private readonly ProductIndexAdministration _administration;
    private readonly ILogger<ProductIndexWriter> _logger;
    private readonly string _alias;

    public ProductIndexWriter(ElasticsearchClient client, ProductIndexAdministration administration, IOptions<SearchOptions> options, ILogger<ProductIndexWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _administration = administration;
        _logger = logger;
        _alias = options.Value.Elasticsearch.IndexAlias;
    }

    /// <summary>
    /// Writes to the alias, never to an index of that name created by accident (require_alias).
    /// When the alias is missing, creates the first index behind it and retries once.
    /// </summary>
    public async Task<BulkIndexOutcome> UpsertAsync(IReadOnlyCollection<ProductDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var first = await WriteAsync(_alias, requireAlias: true, documents, cancellationToken).ConfigureAwait(false);
        if (first.Missing.Count == 0)
        {
            return first.Outcome;
        }

        LogAliasMissing(_logger, _alias, first.Missing.Count);
        await _administration.EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var retry = await WriteAsync(_alias, requireAlias: true, first.Missing, cancellationToken).ConfigureAwait(false);
        if (retry.Missing.Count > 0)
        {
            throw new SearchUnavailableException($"The alias {_alias} is still missing after creating its first index");
        }

        return new BulkIndexOutcome(first.Outcome.Written + retry.Outcome.Written, first.Outcome.Stale + retry.Outcome.Stale);
    }

    /// <summary>Writes to a concrete index: a rebuild filling the index it will swap in.</summary>
    public async Task<BulkIndexOutcome> UpsertIntoAsync(string index, IReadOnlyCollection<ProductDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(index);
        ArgumentNullException.ThrowIfNull(documents);
        var result = await WriteAsync(index, requireAlias: false, documents, cancellationToken).ConfigureAwait(false);
        if (result.Missing.Count > 0)
        {
            throw new SearchIndexException($"The index {index} does not exist");
        }

        return result.Outcome;
    }

    private async Task<BulkResult> WriteAsync(string target, bool requireAlias, IReadOnlyCollection<ProductDocument> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return new BulkResult(new BulkIndexOutcome(0, 0), []);
        }

        var sent = documents.ToList();
        var request = new BulkRequest(target)
        {
            RequireAlias = requireAlias ? true : null,
            Operations = [.. sent.Select(document => new BulkIndexOperation<ProductDocument>(document)
            {
                Id = document.Id.ToString("D"),
                Version = document.Version,
                VersionType = VersionType.External,
            })],
        };
        var response = await ElasticsearchCalls.SendAsync("the bulk write", () => _client.BulkAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        // errors=true still answers 200 and is valid at the request level: the items say what happened.
        if (ElasticsearchCalls.Status(response) is not 200)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw ElasticsearchCalls.Failure(response, "the bulk write");
        }

        return BulkResult.Read(sent, response);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The alias {Alias} was missing for {Count} writes: creating its first index and retrying once")]
    private static partial void LogAliasMissing(ILogger logger, string alias, int count);
}
