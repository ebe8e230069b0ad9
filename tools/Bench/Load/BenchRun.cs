using Commerce.Bench.Baseline;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;
using Commerce.Bench.SameFlow;
using Commerce.LocalSystem;

namespace Commerce.Bench.Load;

/// <summary>
/// <c>./commerce bench</c>: the 3-step baseline first (nothing else running), then the same-flow
/// baseline's ramp (the real saga without I/O, in a process of its own), then our system started
/// with the bench shape and the same ramp; the full run then holds our system's knee for a minute.
/// Each ramp runs alone, on a virtual host of its own.
/// </summary>
public static class BenchRun
{
    public static async Task<BenchReport> RunAsync(BenchPlan plan, string logDirectory, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        status("3-step baseline: MassTransit, in-memory saga, no outbox");
        var baseline = await BaselineRun.RunAsync(plan.BaselineSagas, n => status($"3-step baseline: {n}/{plan.BaselineSagas} sagas confirmed"), cancellationToken);

        using var queues = new QueueCounters(LocalServices.Current);
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        status("starting the same-flow baseline");
        RampResult sameFlow;
        await using (var host = await SameFlowSystem.StartAsync(logDirectory, cancellationToken))
        {
            using var management = LocalServices.Current.CreateManagementClient();
            var processes = MeasuredProcesses.WithServices(new() { [SameFlowSystem.ProcessName] = MeasuredProcesses.Pid(host.Process) });
            var sampler = new ResourceSampler(processes, null, null, management, queues, host.VirtualHost, [], scraper);
            sameFlow = await Ramp.RunAsync(new LoadStep(host, sampler, management), plan, sustain: false, findKnee: true, "same-flow", status, cancellationToken);
        }

        await using var commerceSystem = await CommerceBenchSystem.StartAsync(plan.Products, plan.Rates.Max(), logDirectory, queues, scraper, status, cancellationToken);
        var commerce = await Ramp.RunAsync(commerceSystem.Step, plan, sustain: true, findKnee: false, "commerce", status, cancellationToken);
        return BenchReport.Create(plan, baseline, sameFlow, commerce);
    }
}

/// <summary>What a bench run does: the ramp's rates and step length, the optional sustained minute, the 3-step baseline's size.</summary>
public sealed record BenchPlan(string Mode, double[] Rates, TimeSpan StepDuration, TimeSpan? Sustain, int BaselineSagas)
{
    /// <summary>
    /// Products the load spreads over, round robin. One product is a flash sale: every reservation
    /// updates the same row and waits for the one before it to commit (<c>--products 1</c>).
    /// </summary>
    public int Products { get; init; } = 50;

    public static readonly BenchPlan Quick = new("quick", [5, 10, 15, 20, 30, 50, 100], TimeSpan.FromSeconds(10), null, 2_000);

    public static readonly BenchPlan Full = new("full", [5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), 5_000);
}
