using Commerce.Bench.Measure;

namespace Commerce.Bench.Load;

/// <summary>
/// The open-model ramp both systems get: a warm-up, then the plan's rates for its step length,
/// each step drained before the next (<see cref="LoadStep"/>), until one is not kept up (for the
/// same-flow baseline, beyond the plan if need be); the knee is the highest rate kept up.
/// Optionally the knee is then held for the plan's sustained minute.
/// </summary>
public static class Ramp
{
    private const double WarmUpRate = 10;

    /// <summary>
    /// Fresh processes run tier-0 code and compile hot methods again in the background, on the
    /// same two cores: 20 s of moderate load first, or the first steps measure the JIT.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Many rounds of the one-second pollers (outbox relay, scheduler) and the metrics scrapes; the
    /// cleanup job, every five minutes, is too rare to fall in it and stays in the per-order figures.
    /// </summary>
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(15);

    /// <summary>How far a ramp that keeps up at every rate of its plan goes on doubling to find its knee.</summary>
    public const double MaxExtendedRate = 1600;

    /// <summary>
    /// Runs the ramp. With <c>findKnee</c>, a ramp that keeps up at every rate of the plan goes on
    /// doubling the rate until a step is not kept up (or <see cref="MaxExtendedRate"/>): the same-flow
    /// baseline's knee is the denominator of the ratio, and a knee that is only a floor would make
    /// the ratio a ceiling.
    /// </summary>
    public static async Task<RampResult> RunAsync(LoadStep step, BenchPlan plan, bool sustain, bool findKnee, string label, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(status);
        void Say(string text) => status($"{label}: {text}");
        await WarmUpAsync(step, Say, cancellationToken);
        var idle = await step.MeasureIdleAsync(IdleWindow, Say, cancellationToken);

        var steps = (await KneeRule.UntilNotKeptUpAsync(plan.Rates, rate => step.RunAsync(rate, plan.StepDuration, Say, cancellationToken))).ToList();

        while (findKnee && steps.Count > 0 && steps.All(s => s.KeptUp) && steps[^1].OfferedPerSecond * 2 <= MaxExtendedRate)
        {
            var result = await step.RunAsync(steps[^1].OfferedPerSecond * 2, plan.StepDuration, Say, cancellationToken);
            steps.Add(result);
        }

        var knee = KneeRule.Knee(steps);
        StepResult? sustained = null;
        if (sustain && plan.Sustain is { } hold && knee > 0)
        {
            Say($"holding {knee:0}/s for {hold.TotalSeconds:0} s");
            sustained = await step.RunAsync(knee, hold, Say, cancellationToken);
        }

        return new RampResult(steps, knee, sustained) { Idle = idle };
    }

    /// <summary>The moderate load every measured run starts with (<see cref="WarmUp"/>).</summary>
    public static async Task WarmUpAsync(LoadStep step, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(status);
        status("warming up");
        await step.RunAsync(WarmUpRate, WarmUp, status, cancellationToken);
    }
}

/// <summary>The steps of one ramp, its knee, and the held step if there was one.</summary>
public sealed record RampResult(IReadOnlyList<StepResult> Steps, double KneePerSecond, StepResult? Sustained)
{
    /// <summary>The system's background with no orders, measured after the warm-up; null for a ramp built without one.</summary>
    public IdleBackground? Idle { get; init; }

    /// <summary>The ramp's steps and then the held one, if any.</summary>
    public IReadOnlyList<StepResult> AllSteps => Sustained is null ? Steps : [.. Steps, Sustained];

    /// <summary>Every rate of the plan was kept up: the knee is at least this, the ramp did not find it.</summary>
    public bool KeptUpAtEveryRate => Steps.Count > 0 && Steps.All(s => s.KeptUp);
}
