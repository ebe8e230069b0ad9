using Commerce.Bench.Hosting;

namespace Commerce.Bench.Reads;

/// <summary>
/// The Elasticsearch backend searches an index built from the catalog (<c>search reindex</c>), run
/// here after the seeding. This build cannot index the catalog, so the backend is reported as not
/// measured rather than timed against an empty index, whose searches would all be fast and wrong.
/// </summary>
public sealed class ElasticsearchIndexPreparation : IReadBackendPreparation
{
    public const string NotReady = "the catalog cannot be indexed: this build has no `search reindex`";

    public Task<string?> PrepareAsync(SystemUnderTest system, Action<string> status, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(NotReady);
}
