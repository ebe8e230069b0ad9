namespace Commerce.Bench.Load;

/// <summary>
/// When a step of a ramp kept up, and which rate is the knee: the one rule the checkout ramp and the
/// read ramp share, so their knees mean the same thing.
/// </summary>
public static class KneeRule
{
    /// <summary>A step kept pace when it achieved at least this share of the offered rate.</summary>
    public const double PaceShare = 0.9;

    /// <summary>Nothing failed, and (nearly) the offered rate was achieved.</summary>
    public static bool KeptUp(double offeredPerSecond, double achievedPerSecond, int failures) =>
        failures == 0 && achievedPerSecond >= PaceShare * offeredPerSecond;

    /// <summary>The highest offered rate of a step that kept up; 0 if none did.</summary>
    public static double Knee(IEnumerable<IRampStep> steps) =>
        steps.Where(s => s.KeptUp).Select(s => s.OfferedPerSecond).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Runs <paramref name="runStep"/> at each rate in turn until a step does not keep up (that one is
    /// kept too: it shows how the system failed).
    /// </summary>
    public static async Task<IReadOnlyList<TStep>> UntilNotKeptUpAsync<TStep>(IEnumerable<double> rates, Func<double, Task<TStep>> runStep)
        where TStep : IRampStep
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(runStep);
        var steps = new List<TStep>();
        foreach (var rate in rates)
        {
            var step = await runStep(rate);
            steps.Add(step);
            if (!step.KeptUp)
            {
                break;
            }
        }

        return steps;
    }

    /// <summary>Answers per second over a window (at least a millisecond, so an empty step is not a division by zero).</summary>
    public static double PerSecond(int count, TimeSpan window) => Math.Round(count / Math.Max(0.001, window.TotalSeconds), 1);
}
