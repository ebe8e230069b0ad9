using Commerce.Search;
using Commerce.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// The <c>elasticsearch</c> readiness check, only with that backend: added when the health-check
/// options are first read, from the validated search options, so the decision follows the settings
/// the host actually runs with.
/// </summary>
internal sealed class ElasticsearchHealthCheckRegistration(IOptions<SearchOptions> search) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (search.Value.Backend != SearchBackend.Elasticsearch)
        {
            return;
        }

        options.Registrations.Add(new HealthCheckRegistration(
            "elasticsearch",
            provider => ActivatorUtilities.CreateInstance<ElasticsearchHealthCheck>(provider),
            HealthStatus.Degraded,
            [HealthCheckExtensions.ReadyTag, HealthCheckExtensions.DegradesOnlyTag],
            HealthCheckExtensions.CheckTimeout));
    }
}
