using Commerce.Bench.Load;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Reporting;

/// <summary>The same-flow baseline's ramp as reported: steps, knee, and its cost per order on the highest step it kept up.</summary>
public sealed record SameFlowResult(IReadOnlyList<StepResult> Steps, double KneePerSecond, bool KeptUpAtEveryRate, OrderCost? CostPerOrder, string CostBasis)
{
    public const string SystemName = "same-flow";

    /// <summary>The line printed for the baseline: <c>per order (same-flow): …</c>.</summary>
    public string CostLine => OrderCost.LineOf(CostPerOrder, SystemName, CostBasis);

    /// <summary>The baseline's background with no orders, measured after its warm-up.</summary>
    public IdleBackground? Idle { get; init; }

    /// <summary><see cref="CostPerOrder"/> less <see cref="Idle"/> over the same window.</summary>
    public OrderCost? CostWithoutIdle => CostPerOrder is { } cost && Idle is { } idle ? cost.WithoutIdle(idle) : null;

    public static SameFlowResult From(RampResult ramp)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        var (step, basis) = BenchReport.CostStep(ramp.Steps, null);
        return new SameFlowResult(ramp.Steps, ramp.KneePerSecond, ramp.KeptUpAtEveryRate, step?.Cost, basis) { Idle = ramp.Idle };
    }
}
