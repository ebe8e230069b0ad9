namespace Commerce.Bench.Reads;

/// <summary>
/// A search backend the read bench measures: the settings the Api and Workers get for it, and what
/// must happen before its first workload.
/// </summary>
public sealed record ReadBackend(string Name, IReadOnlyDictionary<string, string> HostSettings, IReadBackendPreparation Preparation)
{
    public const string PostgresName = "postgresql";
    public const string ElasticsearchName = "elasticsearch";

    public const string BenchIndexAlias = "commerce-bench";

    /// <summary>The line printed when <c>ELASTICSEARCH_URL</c> is not set.</summary>
    public const string ElasticsearchSkipped = "reads: elasticsearch backend skipped: ELASTICSEARCH_URL is not set";

    /// <summary>
    /// PostgreSQL always (the hosts' default backend, so no settings); Elasticsearch when
    /// <c>ELASTICSEARCH_URL</c> is set, with an API key (<c>ELASTICSEARCH_API_KEY</c>) or else a
    /// user name and password (<c>ELASTICSEARCH_USERNAME</c>, <c>ELASTICSEARCH_PASSWORD</c>) if given.
    /// </summary>
    public static (IReadOnlyList<ReadBackend> Backends, IReadOnlyList<string> Skipped) From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var postgres = new ReadBackend(PostgresName, new Dictionary<string, string>(), new PostgresSearchPreparation());
        if (Value(environment, "ELASTICSEARCH_URL") is not { } url)
        {
            return ([postgres], [ElasticsearchSkipped]);
        }

        var settings = new Dictionary<string, string>
        {
            ["Search__Backend"] = "Elasticsearch",
            ["Search__Elasticsearch__Url"] = url,
            // An alias of its own, so a run never moves the alias a deployment on the same cluster reads.
            ["Search__Elasticsearch__IndexAlias"] = BenchIndexAlias,
        };
        if (Value(environment, "ELASTICSEARCH_API_KEY") is { } apiKey)
        {
            settings["Search__Elasticsearch__ApiKey"] = apiKey;
        }
        else
        {
            if (Value(environment, "ELASTICSEARCH_USERNAME") is { } username)
            {
                settings["Search__Elasticsearch__Username"] = username;
            }

            if (Value(environment, "ELASTICSEARCH_PASSWORD") is { } password)
            {
                settings["Search__Elasticsearch__Password"] = password;
            }
        }

        return ([postgres, new ReadBackend(ElasticsearchName, settings, new ElasticsearchIndexPreparation(settings))], []);
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { Length: > 0 } value ? value : null;
}
