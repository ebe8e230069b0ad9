using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Commerce.ServiceDefaults;

/// <summary>
/// <c>commerce.health.ready</c>: 1 while the <c>/health/ready</c> checks pass, 0 while one fails,
/// per check (<c>check</c>) and for the host (no tag; as <c>/health/ready</c>'s status code, a
/// failing check the host can do without leaves it ready), so that Prometheus can alert on readiness
/// without probing HTTP. Fed by the health-check publisher every <see cref="Period"/>.
/// </summary>
internal sealed class ReadinessGauge : IHealthCheckPublisher
{
    public const string Name = $"{CommerceTelemetry.InstrumentPrefix}.health.ready";

    /// <summary>Often enough for a two-minute alert, rare enough to cost nothing (one round of the ready checks).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    private volatile HealthReport? _last;

    public ReadinessGauge(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(CommerceTelemetry.MeterName).CreateObservableGauge(Name, Observe, unit: null, "Whether the host's readiness checks pass (1) or not (0), per check and overall");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        _last = report;
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<int>> Observe()
    {
        if (_last is not { } report)
        {
            yield break;
        }

        yield return new Measurement<int>(HealthCheckExtensions.IsReady(report) ? 1 : 0);
        foreach (var (check, entry) in report.Entries)
        {
            yield return new Measurement<int>(Ready(entry.Status), new KeyValuePair<string, object?>("check", check));
        }
    }

    private static int Ready(HealthStatus status) => status == HealthStatus.Healthy ? 1 : 0;
}
