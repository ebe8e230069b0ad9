using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.ServiceDefaults;

public static class HealthCheckExtensions
{
    /// <summary>Checks with this tag decide <c>/health/ready</c>; MassTransit tags its bus check the same way.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// A readiness check whose failure only degrades the host (Elasticsearch: search answers from
    /// PostgreSQL): it shows in <c>/health/ready</c>'s body, and the host stays ready.
    /// </summary>
    public const string DegradesOnlyTag = "degrades-only";

    /// <summary>A dependency check must answer quickly: readiness has to flip within seconds of an outage.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Every check passes, or only those the host can do without (<see cref="DegradesOnlyTag"/>) fail.</summary>
    public static bool IsReady(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Entries.Values.All(e => e.Status == HealthStatus.Healthy || e.Tags.Contains(DegradesOnlyTag));
    }

    internal static void MapCommerceHealthChecks(this WebApplication app)
    {
        // Live: the process answers at all. Ready: every dependency answers. Anonymous: probes carry no
        // token, and a host with a fallback policy (the Api's) would otherwise close them.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
    }
}
