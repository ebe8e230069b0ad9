using System.Text.Json.Nodes;

namespace Commerce.TestSupport;

/// <summary>
/// The state and semantics behind <see cref="FakeElasticsearch"/>: indices, aliases, bulk writes
/// with external versions. One lock makes every request atomic, as an alias update is in Elasticsearch.
/// </summary>
internal sealed class FakeElasticsearchCluster
{
    private const string VersionConflict = "version_conflict_engine_exception";
    private const string IndexNotFound = "index_not_found_exception";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeElasticsearchIndex> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _aliases = new(StringComparer.Ordinal);

    public FakeElasticsearchAnswer CreateIndex(string name, JsonNode? body)
    {
        lock (_gate)
        {
            if (_indices.ContainsKey(name) || _aliases.ContainsKey(name))
            {
                return FakeElasticsearchAnswer.Error(400, "resource_already_exists_exception", $"index [{name}] already exists");
            }

            _indices[name] = new FakeElasticsearchIndex(name, body);
            foreach (var alias in (body?["aliases"] as JsonObject ?? []).Select(a => a.Key))
            {
                AliasIndices(alias).Add(name);
            }

            return FakeElasticsearchAnswer.Ok(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
        }
    }

    public FakeElasticsearchAnswer DeleteIndex(string name)
    {
        lock (_gate)
        {
            if (!_indices.Remove(name))
            {
                return NoSuchIndex(name);
            }

            foreach (var (alias, indices) in _aliases.ToList())
            {
                if (indices.Remove(name) && indices.Count == 0)
                {
                    _aliases.Remove(alias);
                }
            }

            return Acknowledged();
        }
    }

    public FakeElasticsearchAnswer GetAlias(string alias)
    {
        lock (_gate)
        {
            if (!_aliases.TryGetValue(alias, out var indices))
            {
                return new FakeElasticsearchAnswer(404, new JsonObject { ["error"] = $"alias [{alias}] missing", ["status"] = 404 });
            }

            var answer = new JsonObject();
            foreach (var index in indices)
            {
                answer[index] = new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject() } };
            }

            return FakeElasticsearchAnswer.Ok(answer);
        }
    }

    /// <summary>All actions are checked before any is applied: the update is all or nothing.</summary>
    public FakeElasticsearchAnswer UpdateAliases(JsonNode? body)
    {
        lock (_gate)
        {
            var actions = (body?["actions"] as JsonArray ?? []).OfType<JsonObject>().Select(a => a.Single()).ToList();
            foreach (var (kind, action) in actions)
            {
                var index = action?["index"]?.GetValue<string>() ?? string.Empty;
                var alias = action?["alias"]?.GetValue<string>() ?? string.Empty;
                if (!_indices.ContainsKey(index))
                {
                    return NoSuchIndex(index);
                }

                if (kind == "remove" && !(_aliases.TryGetValue(alias, out var on) && on.Contains(index)))
                {
                    return FakeElasticsearchAnswer.Error(404, "aliases_not_found_exception", $"aliases [{alias}] missing");
                }

                if (kind is not ("add" or "remove"))
                {
                    return FakeElasticsearchAnswer.Error(400, "fake_unsupported_request", $"alias action [{kind}] is not implemented by the fake");
                }
            }

            foreach (var (kind, action) in actions)
            {
                var index = action!["index"]!.GetValue<string>();
                var alias = action["alias"]!.GetValue<string>();
                if (kind == "add")
                {
                    AliasIndices(alias).Add(index);
                }
                else if (_aliases[alias].Remove(index) && _aliases[alias].Count == 0)
                {
                    _aliases.Remove(alias);
                }
            }

            return Acknowledged();
        }
    }

    public FakeElasticsearchAnswer Refresh(string target)
    {
        lock (_gate)
        {
            return Resolve(target).Count == 0 ? NoSuchIndex(target) : FakeElasticsearchAnswer.Ok(new JsonObject { ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 } });
        }
    }

    /// <summary>index operations only; a version at or below the stored one is a 409 item, as version_type external has it.</summary>
    public FakeElasticsearchAnswer Bulk(string? pathTarget, bool requireAlias, IReadOnlyList<JsonNode?> lines)
    {
        lock (_gate)
        {
            var items = new JsonArray();
            var errors = false;
            for (var i = 0; i + 1 < lines.Count; i += 2)
            {
                var (kind, meta) = (lines[i] as JsonObject ?? []).Single();
                if (kind != "index")
                {
                    return FakeElasticsearchAnswer.Error(400, "fake_unsupported_request", $"bulk action [{kind}] is not implemented by the fake");
                }

                var item = Index(meta?["_index"]?.GetValue<string>() ?? pathTarget ?? string.Empty, requireAlias, meta, lines[i + 1] as JsonObject ?? []);
                errors |= item["error"] is not null;
                items.Add(new JsonObject { ["index"] = item });
            }

            return FakeElasticsearchAnswer.Ok(new JsonObject { ["errors"] = errors, ["took"] = 1, ["items"] = items });
        }
    }

    /// <summary>match_all only, sorted by the id field, paged with size and search_after: what reading a whole index needs.</summary>
    public FakeElasticsearchAnswer SearchAll(string target, JsonNode? body)
    {
        lock (_gate)
        {
            var indices = Resolve(target);
            if (indices.Count == 0)
            {
                return NoSuchIndex(target);
            }

            if (body?["query"] is JsonObject query && query.Single().Key != "match_all")
            {
                return FakeElasticsearchAnswer.Error(400, "fake_unsupported_request", "the fake only searches with match_all");
            }

            var size = body?["size"]?.GetValue<int>() ?? 10;
            var after = (body?["search_after"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
            var hits = indices
                .SelectMany(index => index.Documents.Select(document => (Index: index.Name, Id: document.Key, document.Value.Version, document.Value.Source)))
                .OrderBy(hit => hit.Id, StringComparer.Ordinal)
                .Where(hit => after is null || string.CompareOrdinal(hit.Id, after) > 0)
                .Take(size)
                .Select(hit => (JsonNode)new JsonObject
                {
                    ["_index"] = hit.Index,
                    ["_id"] = hit.Id,
                    ["_version"] = hit.Version,
                    ["_score"] = null,
                    ["_source"] = hit.Source.DeepClone(),
                    ["sort"] = new JsonArray(hit.Id),
                })
                .ToArray();
            return FakeElasticsearchAnswer.Ok(new JsonObject
            {
                ["took"] = 1,
                ["timed_out"] = false,
                ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 },
                ["hits"] = new JsonObject { ["max_score"] = null, ["hits"] = new JsonArray(hits) },
            });
        }
    }

    public IReadOnlyDictionary<string, (long Version, JsonObject Source)> Documents(string aliasOrIndex)
    {
        lock (_gate)
        {
            return Resolve(aliasOrIndex)
                .SelectMany(index => index.Documents)
                .ToDictionary(document => document.Key, document => (document.Value.Version, (JsonObject)document.Value.Source.DeepClone()), StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<string> AliasTargets(string alias)
    {
        lock (_gate)
        {
            return _aliases.TryGetValue(alias, out var indices) ? [.. indices] : [];
        }
    }

    public IReadOnlyList<string> Indices()
    {
        lock (_gate)
        {
            return [.. _indices.Keys.Order(StringComparer.Ordinal)];
        }
    }

    private JsonObject Index(string target, bool requireAlias, JsonNode? meta, JsonObject source)
    {
        var id = meta?["_id"]?.GetValue<string>() ?? Guid.NewGuid().ToString("N");
        var item = new JsonObject { ["_index"] = target, ["_id"] = id };
        FakeElasticsearchIndex? index;
        if (_aliases.TryGetValue(target, out var behind))
        {
            if (behind.Count != 1)
            {
                return Failed(item, 400, "illegal_argument_exception", $"no write index is defined for alias [{target}]");
            }

            index = _indices[behind.Single()];
        }
        else if (requireAlias)
        {
            return Failed(item, 404, IndexNotFound, $"no such index [{target}] and [require_alias] request flag is [true] and [{target}] is not an alias");
        }
        else if (!_indices.TryGetValue(target, out index))
        {
            // Elasticsearch creates a missing index on the first write (action.auto_create_index).
            index = _indices[target] = new FakeElasticsearchIndex(target, null);
        }

        item["_index"] = index.Name;
        var external = meta?["version_type"]?.GetValue<string>() == "external";
        var version = external ? meta!["version"]!.GetValue<long>() : (index.Documents.TryGetValue(id, out var previous) ? previous.Version + 1 : 1);
        var existing = index.Documents.TryGetValue(id, out var stored);
        if (external && existing && stored.Version >= version)
        {
            return Failed(item, 409, VersionConflict, $"[{id}]: version conflict, current version [{stored.Version}] is higher or equal to the one provided [{version}]");
        }

        index.Documents[id] = (version, (JsonObject)source.DeepClone());
        item["_version"] = version;
        item["result"] = existing ? "updated" : "created";
        item["status"] = existing ? 200 : 201;
        return item;
    }

    private static JsonObject Failed(JsonObject item, int status, string type, string reason)
    {
        item["status"] = status;
        item["error"] = new JsonObject { ["type"] = type, ["reason"] = reason };
        return item;
    }

    private List<FakeElasticsearchIndex> Resolve(string target) =>
        _aliases.TryGetValue(target, out var indices) ? [.. indices.Select(name => _indices[name])]
        : _indices.TryGetValue(target, out var index) ? [index]
        : [];

    private SortedSet<string> AliasIndices(string alias)
    {
        if (!_aliases.TryGetValue(alias, out var indices))
        {
            indices = _aliases[alias] = new SortedSet<string>(StringComparer.Ordinal);
        }

        return indices;
    }

    private static FakeElasticsearchAnswer NoSuchIndex(string name) => FakeElasticsearchAnswer.Error(404, IndexNotFound, $"no such index [{name}]");

    private static FakeElasticsearchAnswer Acknowledged() => FakeElasticsearchAnswer.Ok(new JsonObject { ["acknowledged"] = true });
}
