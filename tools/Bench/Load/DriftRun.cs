using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;
using Commerce.LocalSystem;

namespace Commerce.Bench.Load;

/// <summary>
/// <c>./commerce bench --drift 10m --rate R</c>: our system alone, warmed up, then one rate held as
/// consecutive one-minute steps (each drained and measured like a ramp step), to show whether
/// throughput, latency and PostgreSQL's cost per transaction stay flat as the inbox fills and the
/// outbox turns over.
/// </summary>
public static class DriftRun
{
    public static readonly TimeSpan SliceLength = TimeSpan.FromMinutes(1);

    public static async Task<DriftReport> RunAsync(DriftPlan plan, string logDirectory, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(status);
        using var queues = new QueueCounters(LocalServices.Current);
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var commerce = await CommerceBenchSystem.StartAsync(plan.Products, plan.Rate, logDirectory, queues, scraper, status, cancellationToken);
        await Ramp.WarmUpAsync(commerce.Step, status, cancellationToken);
        var slices = new List<DriftSlice>();
        for (var minute = 1; minute <= plan.Minutes; minute++)
        {
            var label = $"minute {minute}/{plan.Minutes}";
            var step = await commerce.Step.RunAsync(plan.Rate, SliceLength, text => status($"{label}: {text}"), cancellationToken);
            var (inbox, outbox) = await commerce.MessagingRowsAsync(cancellationToken);
            slices.Add(new DriftSlice(minute, step, inbox, outbox));
        }

        return new DriftReport(plan, DateTimeOffset.UtcNow, slices);
    }
}

/// <summary>The held rate and for how many one-minute steps.</summary>
public sealed record DriftPlan(double Rate, int Minutes, int Products);
