using Commerce.Bench.Baseline;
using Commerce.Bench.Load;

namespace Commerce.Bench.Reporting;

/// <summary>Everything a bench run found, as written to report.json and rendered to report.md.</summary>
public sealed record BenchReport(
    string Mode,
    int Products,
    DateTimeOffset At,
    string Machine,
    BaselineResult Baseline,
    IReadOnlyList<StepResult> Steps,
    double KneePerSecond,
    double BestConfirmedPerSecond,
    double RatioToBaseline,
    StepResult? Sustained,
    IReadOnlyList<TargetCheck> Targets)
{
    public static BenchReport Create(BenchPlan plan, BaselineResult baseline, IReadOnlyList<StepResult> steps, double knee, StepResult? sustained)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(baseline);
        var all = sustained is null ? steps : [.. steps, sustained];
        var best = all.Select(s => s.ConfirmedPerSecond).DefaultIfEmpty(0).Max();
        var ratio = baseline.SagasPerSecond > 0 ? Math.Round(best / baseline.SagasPerSecond, 2) : 0;
        return new BenchReport(plan.Mode, plan.Products, DateTimeOffset.UtcNow, Describe(), baseline, steps, knee, best, ratio, sustained, TargetCheck.Evaluate(all, sustained, ratio));
    }

    private static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores, {memory:0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}

/// <summary>One of issue 8's targets and whether this run met it (null: not measured by this run).</summary>
public sealed record TargetCheck(string Target, string Measured, bool? Met)
{
    public static IReadOnlyList<TargetCheck> Evaluate(IReadOnlyList<StepResult> steps, StepResult? sustained, double ratio)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var at100 = steps.FirstOrDefault(s => s.OfferedPerSecond == 100);
        var workersRss = steps.SelectMany(s => s.Resources.Processes).Where(p => p.Key.StartsWith("workers", StringComparison.Ordinal)).Select(p => p.Value.RssMiB).DefaultIfEmpty(0).Max();
        return
        [
            sustained is null
                ? new("≥ 300 orders/s reaching Confirmed, sustained 60 s", "full run only", null)
                : new("≥ 300 orders/s reaching Confirmed, sustained 60 s", $"{sustained.ConfirmedPerSecond:0.#}/s for {sustained.Seconds:0} s at {sustained.OfferedPerSecond:0}/s offered", sustained.KeptUp && sustained.ConfirmedPerSecond >= 300),
            new("ratio to baseline ≥ 0.8", $"{ratio:0.00}", ratio >= 0.8),
            at100 is null
                ? new("at 100/s: p99 of the 202 < 50 ms", "100/s not reached", false)
                : new("at 100/s: p99 of the 202 < 50 ms", $"{at100.AcceptLatency.P99:0.#} ms", at100.AcceptLatency.P99 < 50),
            at100 is null
                ? new("at 100/s: p99 Submitted → Confirmed < 500 ms", "100/s not reached", false)
                : new("at 100/s: p99 Submitted → Confirmed < 500 ms", $"{at100.ConfirmLatency.P99:0.#} ms", at100.ConfirmLatency.P99 < 500),
            new("Workers RSS < 400 MB", $"{workersRss:0} MiB", workersRss > 0 && workersRss < 400),
        ];
    }
}
