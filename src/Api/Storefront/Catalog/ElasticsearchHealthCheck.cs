using Commerce.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Elasticsearch unreachable is <c>Degraded</c>, not down: search still answers, from PostgreSQL,
/// so the Api stays ready (<see cref="Commerce.ServiceDefaults.HealthCheckExtensions.DegradesOnlyTag"/>).
/// </summary>
internal sealed class ElasticsearchHealthCheck(ProductIndexAdministration index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await index.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Elasticsearch does not answer; search answers from PostgreSQL");
}
