using Elastic.Clients.Elasticsearch;

namespace Commerce.Search;

/// <summary>
/// A bulk response read item by item: written, stale (a version conflict: the index already has
/// this version or a newer one), missing (no such alias or index), or failed. Failures that a
/// retry can fix (429, 5xx) make the whole call unavailable; the rest fail it, counted by type.
/// </summary>
internal sealed record BulkResult(BulkIndexOutcome Outcome, IReadOnlyList<ProductDocument> Missing)
{
    public static BulkResult Read(IReadOnlyList<ProductDocument> sent, BulkResponse response)
    {
        var items = response.Items?.ToList() ?? [];
        if (items.Count != sent.Count)
        {
            throw new SearchUnavailableException($"Elasticsearch answered {items.Count} bulk items for {sent.Count} operations");
        }

        var written = 0;
        var stale = 0;
        var transient = 0;
        var missing = new List<ProductDocument>();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var type = item.Error?.Type;
            if (item.Error is null && item.Status is >= 200 and < 300)
            {
                written++;
            }
            else if (type == ElasticsearchCalls.VersionConflict)
            {
                stale++;
            }
            else if (type == ElasticsearchCalls.IndexNotFound)
            {
                missing.Add(sent[i]);
            }
            else if (ElasticsearchCalls.IsTransient(item.Status))
            {
                transient++;
            }
            else
            {
                var key = type ?? $"HTTP {item.Status}";
                failures[key] = failures.GetValueOrDefault(key) + 1;
            }
        }

        if (failures.Count > 0)
        {
            var counts = string.Join(", ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} × {f.Value}"));
            throw new SearchIndexException($"{failures.Values.Sum()} of {sent.Count} bulk items failed: {counts}");
        }

        if (transient > 0)
        {
            throw new SearchUnavailableException($"Elasticsearch rejected {transient} of {sent.Count} bulk items for now (429 or 5xx)");
        }

        return new BulkResult(new BulkIndexOutcome(written, stale), missing);
    }
}
