using System.Diagnostics.Metrics;
using Commerce.ServiceDefaults;

namespace Commerce.Api.Storefront.Catalog;

/// <summary><c>commerce.search.fallbacks</c>: searches PostgreSQL answered because Elasticsearch did not, by <c>reason</c> (timeout, unavailable, circuit_open).</summary>
internal sealed class SearchMetrics(IMeterFactory meters)
{
    private readonly CommerceCounter _fallbacks = new(meters, "search.fallbacks", "{search}", "Searches answered from PostgreSQL because Elasticsearch did not answer, by reason");

    public void FellBack(string reason) => _fallbacks.Add(("reason", reason));
}
