using Commerce.Bench.Hosting;

namespace Commerce.Bench.Reads;

/// <summary>
/// What a search backend needs once the catalog is seeded and the hosts are up, before the first
/// workload: PostgreSQL fresh planner statistics, Elasticsearch an index built from the catalog.
/// </summary>
public interface IReadBackendPreparation
{
    /// <summary>Null when the backend is ready to be measured; otherwise why it cannot be, for the report.</summary>
    Task<string?> PrepareAsync(SystemUnderTest system, Action<string> status, CancellationToken cancellationToken);
}
