using Commerce.Bench.Load;

namespace Commerce.Bench.Reads;

/// <summary>
/// A workload's ramp: warmed up at the plan's first rate, then each rate of the plan until a step
/// is not kept up, by the checkout ramp's rule (<see cref="KneeRule"/>).
/// </summary>
public static class ReadRamp
{
    public static async Task<ReadRampResult> RunAsync(ReadStep step, ReadWorkload workload, ReadsPlan plan, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(status);
        void Say(string text) => status($"{workload.Name}: {text}");
        Say($"warming up for {plan.WorkloadWarmUp.TotalSeconds:0} s");
        await step.WarmUpAsync(workload, plan.Rates[0], plan.WorkloadWarmUp, cancellationToken);
        var steps = await KneeRule.UntilNotKeptUpAsync(plan.Rates, rate => step.RunAsync(workload, rate, plan, Say, cancellationToken));
        return new ReadRampResult(workload.Name, workload.TargetP99Milliseconds, steps);
    }
}

/// <summary>One workload's steps and its knee; the target is the p99 at <see cref="ReadTargets.TargetRate"/>, if it has one.</summary>
public sealed record ReadRampResult(string Workload, double? TargetP99Milliseconds, IReadOnlyList<ReadStepResult> Steps)
{
    public double KneePerSecond => KneeRule.Knee(Steps);

    /// <summary>Every rate of the plan was kept up: the knee is at least this, the ramp did not find it.</summary>
    public bool KeptUpAtEveryRate => Steps.Count > 0 && Steps.All(s => s.KeptUp);
}
