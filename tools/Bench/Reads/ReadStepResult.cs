using Commerce.Bench.Load;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Reads;

/// <summary>
/// The figures of one read step: requests sent, answered 200, failed (any other status or no
/// answer), the rate of 200s achieved, and the latency of every request from its intended start.
/// </summary>
public sealed record ReadStepResult(
    double OfferedPerSecond,
    double Seconds,
    int Sent,
    int Ok,
    int Errors,
    double AchievedPerSecond,
    Percentiles Latency,
    ResourceUse Resources) : IRampStep
{
    /// <summary>The checkout ramp's rule (<see cref="KneeRule"/>) with every answer a 200 as the work done.</summary>
    public bool KeptUp => KneeRule.KeptUp(OfferedPerSecond, AchievedPerSecond, Errors);
}
