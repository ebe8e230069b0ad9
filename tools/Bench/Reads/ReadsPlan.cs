namespace Commerce.Bench.Reads;

/// <summary>
/// What a read run does: the catalog's size, the rates each workload is ramped through, each step's
/// length and its uncounted warm-up, and the warm-up before a workload's first step. All the load
/// comes from one address, whose limit the bench sets to the most the Api accepts (100,000 requests
/// a minute, about 1,666/s): the highest rate stays below it, so the limiter runs but never refuses.
/// </summary>
public sealed record ReadsPlan(string Mode, int Products, double[] Rates, TimeSpan StepDuration, TimeSpan StepWarmUp, TimeSpan WorkloadWarmUp)
{
    public static readonly ReadsPlan Quick = new("quick", 5_000, [50, 100, 200, 300, 400, 600, 800], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

    public static readonly ReadsPlan Full = new("full", 5_000, [50, 100, 200, 300, 400, 600, 800, 1_200, 1_600], TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20));
}
