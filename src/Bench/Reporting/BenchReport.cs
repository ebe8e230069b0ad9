using Commerce.Bench.Baseline;
using Commerce.Bench.Load;
using Commerce.Bench.Measure;

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
    double RatioToThreeStepBaseline,
    StepResult? Sustained,
    IReadOnlyList<TargetCheck> Targets)
{
    public const string SystemName = "commerce";

    /// <summary>The same-flow baseline's ramp, knee and cost (issue 19).</summary>
    public required SameFlowResult SameFlow { get; init; }

    /// <summary>Our knee ÷ the same-flow baseline's, both measured in this run; 0 if the baseline kept up at no rate.</summary>
    public double RatioToSameFlow { get; init; }

    /// <summary>Queues whose messages per order differ between the two systems; the run fails unless empty.</summary>
    public IReadOnlyList<QueueDifference> MessageDifferences { get; init; } = [];

    /// <summary>Our system's cost per order, over the step <see cref="CostBasis"/> names; null if no step was measured.</summary>
    public OrderCost? CostPerOrder { get; init; }

    /// <summary>Which step the cost is from, e.g. "held 15/s for 60 s" or "15/s, the highest step kept up".</summary>
    public string CostBasis { get; init; } = "no step measured";

    /// <summary>The line printed for our system: <c>per order (commerce): …</c>.</summary>
    public string CostLine => OrderCost.LineOf(CostPerOrder, SystemName, CostBasis);

    public static BenchReport Create(BenchPlan plan, BaselineResult baseline, RampResult sameFlow, RampResult commerce)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(sameFlow);
        ArgumentNullException.ThrowIfNull(commerce);
        var all = commerce.Sustained is null ? commerce.Steps : [.. commerce.Steps, commerce.Sustained];
        var best = all.Select(s => s.ConfirmedPerSecond).DefaultIfEmpty(0).Max();
        var threeStep = baseline.SagasPerSecond > 0 ? Math.Round(best / baseline.SagasPerSecond, 2) : 0;
        var ratio = sameFlow.KneePerSecond > 0 ? Math.Round(commerce.KneePerSecond / sameFlow.KneePerSecond, 2) : 0;
        var (costStep, basis) = CostStep(commerce.Steps, commerce.Sustained);
        var sameFlowResult = SameFlowResult.From(sameFlow);
        return new BenchReport(plan.Mode, plan.Products, DateTimeOffset.UtcNow, Describe(), baseline, commerce.Steps, commerce.KneePerSecond, best, threeStep, commerce.Sustained, TargetCheck.Evaluate(all, commerce.Sustained, ratio))
        {
            SameFlow = sameFlowResult,
            RatioToSameFlow = ratio,
            CostPerOrder = costStep?.Cost,
            CostBasis = basis,
            MessageDifferences = MessageFlowCheck.Compare(costStep?.Cost?.Queues ?? new Dictionary<string, QueueFlow>(), sameFlowResult.CostPerOrder?.Queues ?? new Dictionary<string, QueueFlow>()),
        };
    }

    /// <summary>
    /// The step whose cost stands for the system: the sustained one if the run held a rate (the
    /// most orders, the least noise), else the highest step that kept up; else the lowest step, so
    /// a run that never kept up still shows what an order cost.
    /// </summary>
    public static (StepResult? Step, string Basis) CostStep(IReadOnlyList<StepResult> steps, StepResult? sustained)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (sustained is not null)
        {
            return (sustained, $"held {sustained.OfferedPerSecond:0}/s for {sustained.Seconds:0} s{(sustained.KeptUp ? string.Empty : ", not kept up")}");
        }

        if (steps.Where(s => s.KeptUp).MaxBy(s => s.OfferedPerSecond) is { } kept)
        {
            return (kept, $"{kept.OfferedPerSecond:0}/s, the highest step kept up");
        }

        return steps.MinBy(s => s.OfferedPerSecond) is { } lowest
            ? (lowest, $"{lowest.OfferedPerSecond:0}/s, the lowest step; no step kept up")
            : (null, "no step measured");
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
            new("ratio to same-flow baseline ≥ 0.8", $"{ratio:0.00}", ratio >= 0.8),
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
