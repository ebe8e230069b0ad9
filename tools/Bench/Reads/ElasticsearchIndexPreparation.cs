using Commerce.Bench.Hosting;

namespace Commerce.Bench.Reads;

/// <summary>
/// The Elasticsearch backend searches an index that is built from the catalog (<c>search reindex</c>).
/// This build has no reindex to call, so the backend is reported as not measured rather than timed
/// against an empty index; the reindex call belongs here once it exists.
/// </summary>
public sealed class ElasticsearchIndexPreparation : IReadBackendPreparation
{
    public const string NotReady = "the catalog cannot be indexed: this build has no `search reindex`";

    public Task<string?> PrepareAsync(SystemUnderTest system, Action<string> status, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(NotReady);
}
