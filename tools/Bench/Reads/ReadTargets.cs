using System.Globalization;
using Commerce.Bench.Reporting;

namespace Commerce.Bench.Reads;

/// <summary>
/// Issue 18's read targets: at 300 searches/s, p99 under the workload's limit. Met only by a step at
/// that rate that also kept up: a fast p99 of requests that mostly failed is not a pass.
/// </summary>
public static class ReadTargets
{
    public const double TargetRate = 300;

    public const string Pass = "PASS";
    public const string Miss = "MISS";

    /// <summary>The ramp's step at <see cref="TargetRate"/>; null if the ramp stopped below it.</summary>
    public static ReadStepResult? AtTargetRate(ReadRampResult ramp)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        return ramp.Steps.FirstOrDefault(s => s.OfferedPerSecond == TargetRate);
    }

    /// <summary>Whether the target was met; null for a workload without one.</summary>
    public static bool? Met(ReadRampResult ramp)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        return ramp.TargetP99Milliseconds is { } limit
            ? AtTargetRate(ramp) is { KeptUp: true } step && step.Latency.P99 < limit
            : null;
    }

    /// <summary>The row of the report's target table.</summary>
    public static TargetCheck? Check(ReadRampResult ramp, string backend)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        return ramp.TargetP99Milliseconds is { } limit
            ? new TargetCheck(Invariant($"{backend}, {ramp.Workload}: p99 at {TargetRate:0}/s < {limit:0} ms"), AtTargetRateText(ramp), Met(ramp))
            : null;
    }

    /// <summary>
    /// The line printed per workload: <c>reads: search uncached knee N/s, at 300/s p99 X ms (target &lt; 100 ms) on postgresql: PASS</c>;
    /// a workload without a target ends after the backend.
    /// </summary>
    public static string Line(ReadRampResult ramp, string backend)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        var knee = ramp.KeptUpAtEveryRate ? Invariant($"≥ {ramp.KneePerSecond:0}/s (kept up at every rate)") : Invariant($"{ramp.KneePerSecond:0}/s");
        var line = $"reads: {ramp.Workload} knee {knee}, {AtTargetRateText(ramp)}";
        return ramp.TargetP99Milliseconds is { } limit
            ? line + Invariant($" (target < {limit:0} ms) on {backend}: {(Met(ramp) == true ? Pass : Miss)}")
            : line + $" on {backend}";
    }

    private static string AtTargetRateText(ReadRampResult ramp) => AtTargetRate(ramp) switch
    {
        null => Invariant($"at {TargetRate:0}/s not run (the ramp stopped at {(ramp.Steps.Count == 0 ? 0 : ramp.Steps[^1].OfferedPerSecond):0}/s)"),
        { KeptUp: true } step => Invariant($"at {TargetRate:0}/s p99 {step.Latency.P99:0} ms"),
        var step => Invariant($"at {TargetRate:0}/s p99 {step.Latency.P99:0} ms, not kept up ({step.AchievedPerSecond:0}/s answered, {step.Errors} errors)"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
