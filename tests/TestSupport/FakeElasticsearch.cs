using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Commerce.TestSupport;

/// <summary>
/// An in-process Elasticsearch node on a loopback port, documents in memory per index, with
/// Elasticsearch's semantics for what the product indexer and the index administration use:
/// cluster info and HEAD /, index creation and deletion, aliases (lookup, atomic update), bulk
/// index operations with require_alias and external versions, refresh, and match_all reads paged
/// with search_after. Anything else answers 400 fake_unsupported_request, so a test never passes
/// on an answer the fake made up. <see cref="FailWith"/> turns every answer into one status.
/// </summary>
public sealed class FakeElasticsearch : IAsyncDisposable
{
    private readonly FakeElasticsearchCluster _cluster = new();
    private LoopbackServer? _server;
    private int _bulkRequests;
    private int _failWith;
    private JsonObject? _searchAnswer;

    public Uri Url => _server?.Address ?? throw new InvalidOperationException("Start it with StartAsync");

    /// <summary>Bulk requests received, answered or not: how a test sees that the indexer wrote (or retried).</summary>
    public int BulkRequests => Volatile.Read(ref _bulkRequests);

    public static async Task<FakeElasticsearch> StartAsync()
    {
        var fake = new FakeElasticsearch();
        fake._server = await LoopbackServer.AnsweringAsync(fake.AnswerAsync);
        return fake;
    }

    /// <summary>The products in the index, or in the indices behind the alias, by id; tombstones included.</summary>
    public IReadOnlyDictionary<Guid, FakeProduct> Documents(string aliasOrIndex) =>
        _cluster.Documents(aliasOrIndex)
            .Where(document => Guid.TryParse(document.Key, out _))
            .ToDictionary(document => Guid.Parse(document.Key), document => Product(Guid.Parse(document.Key), document.Value.Version, document.Value.Source));

    public IReadOnlyList<string> AliasTargets(string alias) => _cluster.AliasTargets(alias);

    public IReadOnlyList<string> Indices() => _cluster.Indices();

    /// <summary>Every request from now on answers <paramref name="statusCode"/> (503: a node that is down for writes and reads).</summary>
    public void FailWith(int statusCode) => Volatile.Write(ref _failWith, statusCode);

    public void Recover() => Volatile.Write(ref _failWith, 0);

    /// <summary>
    /// Product searches (any query but match_all) answer this recorded response from now on: the
    /// fake ranks and aggregates nothing itself, so a test states what Elasticsearch would say.
    /// </summary>
    public void AnswerSearchesWith(JsonObject response) => Volatile.Write(ref _searchAnswer, response);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var body = await HttpRequestText.ReadAsync(request);
        if (segments.LastOrDefault() == "_bulk")
        {
            Interlocked.Increment(ref _bulkRequests);
        }

        var failWith = Volatile.Read(ref _failWith);
        var answer = failWith != 0
            ? FakeElasticsearchAnswer.Error(failWith, "fake_fault", $"the test made every request answer {failWith}")
            : Route(request.Method, segments, request.Query, body);
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        if (!HttpMethods.IsHead(request.Method) && answer.Body is not null)
        {
            await context.Response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
        }
    }

    private FakeElasticsearchAnswer Route(string method, string[] path, IQueryCollection query, string body)
    {
        var requireAlias = string.Equals(query["require_alias"], "true", StringComparison.OrdinalIgnoreCase);
        return (method, path) switch
        {
            ("GET" or "HEAD", []) => FakeElasticsearchAnswer.Ok(ClusterInfo()),
            ("GET", ["_cluster", "health"]) => FakeElasticsearchAnswer.Ok(new JsonObject { ["cluster_name"] = "fake", ["status"] = "green", ["timed_out"] = false }),
            ("GET" or "HEAD", ["_alias", var alias]) => _cluster.GetAlias(alias),
            ("POST", ["_aliases"]) => _cluster.UpdateAliases(Parse(body)),
            ("POST" or "PUT", ["_bulk"]) => _cluster.Bulk(null, requireAlias, Lines(body)),
            ("POST" or "PUT", [var target, "_bulk"]) => _cluster.Bulk(target, requireAlias, Lines(body)),
            ("POST" or "GET", [var target, "_refresh"]) => _cluster.Refresh(target),
            ("POST" or "GET", [_, "_search"]) when Volatile.Read(ref _searchAnswer) is { } recorded && !IsMatchAll(Parse(body)) =>
                FakeElasticsearchAnswer.Ok(recorded.DeepClone()),
            ("POST" or "GET", [var target, "_search"]) => _cluster.SearchAll(target, Parse(body)),
            ("PUT", [var index]) when !index.StartsWith('_') => _cluster.CreateIndex(index, Parse(body)),
            ("DELETE", [var index]) when !index.StartsWith('_') => _cluster.DeleteIndex(index),
            _ => FakeElasticsearchAnswer.Error(400, "fake_unsupported_request", $"{method} /{string.Join('/', path)} is not implemented by the fake"),
        };
    }

    private static JsonObject ClusterInfo() => new()
    {
        ["name"] = "fake-node",
        ["cluster_name"] = "fake",
        ["cluster_uuid"] = "fake-cluster",
        ["version"] = new JsonObject { ["number"] = "9.1.0", ["build_flavor"] = "default", ["lucene_version"] = "10.2.2" },
        ["tagline"] = "You Know, for Search",
    };

    private static bool IsMatchAll(JsonNode? body) => body?["query"] is not JsonObject query || query.Single().Key == "match_all";

    private static JsonNode? Parse(string body) => string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);

    private static List<JsonNode?> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonNode.Parse(line))];

    private static FakeProduct Product(Guid id, long version, JsonObject source) => new(
        id,
        version,
        source["deleted"]?.GetValue<bool>() ?? false,
        Text(source, "sku"),
        Text(source, "name"),
        Text(source, "description"),
        Text(source, "category"),
        source["price"] is JsonValue price ? decimal.Parse(price.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : 0m,
        Text(source, "currency"));

    private static string Text(JsonObject source, string field) => source[field]?.GetValue<string>() ?? string.Empty;
}
