using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Microsoft.Extensions.Options;

namespace Commerce.Search;

/// <summary>
/// The product indices behind the alias: versioned indices ("{alias}-{UTC stamp}") that a rebuild
/// fills and then swaps in atomically, so readers and writers only ever see the alias.
/// </summary>
public sealed class ProductIndexAdministration
{
    /// <summary>The index EnsureIndexAsync creates: the oldest possible stamp, one name for every racing process.</summary>
    internal const string FirstStamp = "00000000000000000";

    private const int ReadPageSize = 1000;

    private readonly ElasticsearchClient _client;
    private readonly TimeProvider _time;
    private readonly string _alias;

    public ProductIndexAdministration(ElasticsearchClient client, IOptions<SearchOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _time = time;
        _alias = options.Value.Elasticsearch.IndexAlias;
    }

    /// <summary>Creates "{alias}-{UTC yyyyMMddHHmmssfff}" with the product mapping and returns its name.</summary>
    public async Task<string> CreateIndexAsync(CancellationToken cancellationToken)
    {
        var index = $"{_alias}-{_time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";
        var request = new CreateIndexRequest(index) { Settings = ProductIndexMapping.Settings(), Mappings = ProductIndexMapping.Mapping() };
        var response = await ElasticsearchCalls.SendAsync("index creation", () => _client.Indices.CreateAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        ElasticsearchCalls.EnsureSuccess(response, "index creation", cancellationToken);
        return index;
    }

    /// <summary>The indices the alias points to, by name; empty when the alias does not exist.</summary>
    public async Task<IReadOnlyList<string>> AliasTargetsAsync(CancellationToken cancellationToken)
    {
        var response = await ElasticsearchCalls.SendAsync("the alias lookup", () => _client.Indices.GetAliasAsync(new GetAliasRequest((Names)_alias), cancellationToken), cancellationToken).ConfigureAwait(false);
        if (ElasticsearchCalls.Status(response) == 404)
        {
            return [];
        }

        ElasticsearchCalls.EnsureSuccess(response, "the alias lookup", cancellationToken);
        return [.. (response.Aliases?.Keys ?? []).Order(StringComparer.Ordinal)];
    }

    /// <summary>Points the alias at <paramref name="newIndex"/> only, in one request: readers never see no index or both.</summary>
    public async Task SwapAliasAsync(string newIndex, IReadOnlyList<string> oldIndices, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(newIndex);
        ArgumentNullException.ThrowIfNull(oldIndices);
        var actions = oldIndices
            .Where(old => old != newIndex)
            .Select(old => new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = old, Alias = _alias } })
            .Append(new IndexUpdateAliasesAction { Add = new AddAction { Index = newIndex, Alias = _alias } })
            .ToList();
        var response = await ElasticsearchCalls.SendAsync("the alias swap", () => _client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, cancellationToken), cancellationToken).ConfigureAwait(false);
        ElasticsearchCalls.EnsureSuccess(response, "the alias swap", cancellationToken);
    }

    /// <summary>
    /// When the alias does not exist, creates the first index with the alias in the same request.
    /// Every process names that index alike, so of two racing creators one wins and the other is
    /// told it exists: never two indices behind the alias, which would stop every write.
    /// </summary>
    public async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if ((await AliasTargetsAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var index = $"{_alias}-{FirstStamp}";
        var request = new CreateIndexRequest(index)
        {
            Settings = ProductIndexMapping.Settings(),
            Mappings = ProductIndexMapping.Mapping(),
            Aliases = new Dictionary<Name, Alias> { [_alias] = new Alias() },
        };
        var response = await ElasticsearchCalls.SendAsync("index creation", () => _client.Indices.CreateAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.IsValidResponse)
        {
            return;
        }

        if (ElasticsearchCalls.ErrorType(response) != ElasticsearchCalls.ResourceAlreadyExists)
        {
            ElasticsearchCalls.EnsureSuccess(response, "index creation", cancellationToken);
        }

        // Someone else created it: with the alias (done), or an index left without one (point it there).
        if ((await AliasTargetsAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            await SwapAliasAsync(index, [], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a concrete index; one already gone is fine.</summary>
    public async Task DeleteIndexAsync(string index, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(index);
        var response = await ElasticsearchCalls.SendAsync("index deletion", () => _client.Indices.DeleteAsync(new DeleteIndexRequest(index), cancellationToken), cancellationToken).ConfigureAwait(false);
        if (ElasticsearchCalls.ErrorType(response) == ElasticsearchCalls.IndexNotFound)
        {
            return;
        }

        ElasticsearchCalls.EnsureSuccess(response, "index deletion", cancellationToken);
    }

    /// <summary>Makes what was written to <paramref name="index"/> (or the alias) visible to searches now, not at the next refresh interval.</summary>
    public async Task RefreshAsync(string index, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(index);
        var response = await ElasticsearchCalls.SendAsync("the refresh", () => _client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken), cancellationToken).ConfigureAwait(false);
        ElasticsearchCalls.EnsureSuccess(response, "the refresh", cancellationToken);
    }

    /// <summary>Every document of <paramref name="index"/>, tombstones included, paged by id with search_after.</summary>
    public async Task<IReadOnlyList<ProductDocument>> ReadAllAsync(string index, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(index);
        var documents = new List<ProductDocument>();
        FieldValue? after = null;
        while (true)
        {
            var request = new SearchRequest(index)
            {
                Query = new MatchAllQuery(),
                Size = ReadPageSize,
                Sort = [new SortOptions { Field = new FieldSort(ProductFields.Id) { Order = SortOrder.Asc } }],
                SearchAfter = after is { } last ? [last] : null,
                TrackTotalHits = new TrackHits(false),
            };
            var response = await ElasticsearchCalls.SendAsync("reading the index", () => _client.SearchAsync<ProductDocument>(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            ElasticsearchCalls.EnsureSuccess(response, "reading the index", cancellationToken);
            var hits = response.Hits;
            documents.AddRange(hits.Select(hit => hit.Source).OfType<ProductDocument>());
            if (hits.Count < ReadPageSize)
            {
                return documents;
            }

            after = hits.Last().Sort?.FirstOrDefault();
        }
    }

    /// <summary>A cheap HEAD / for the readiness check: false on any failure, never an exception.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.PingAsync(new PingRequest(), cancellationToken).ConfigureAwait(false);
            return response.IsValidResponse;
        }
#pragma warning disable CA1031 // A readiness probe reports "not reachable" for whatever went wrong, by contract.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
