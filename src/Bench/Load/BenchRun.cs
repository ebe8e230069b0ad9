using Commerce.Bench.Baseline;
using Commerce.Bench.Hosting;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;

namespace Commerce.Bench.Load;

/// <summary>
/// <c>./commerce bench</c>: the baseline first (nothing else running), then our system started with
/// the bench shape, a short warm-up, and a ramp of fixed-rate steps until the system stops keeping
/// up; the full run then holds the best rate for a minute.
/// </summary>
public static class BenchRun
{
    private const double WarmUpRate = 10;

    public static async Task<BenchReport> RunAsync(BenchPlan plan, string logDirectory, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        status("baseline: MassTransit, in-memory saga, no outbox");
        var baseline = await BaselineRun.RunAsync(plan.BaselineSagas, n => status($"baseline: {n}/{plan.BaselineSagas} sagas confirmed"), cancellationToken);

        status("starting Sandbox, Api and Workers");
        await using var system = await SystemUnderTest.StartAsync(new SystemShape("bench", ApiInstances: 1, WorkerInstances: 1, InitialStock: 1_000_000, Products: plan.Products), logDirectory, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = system.Api,
            Timeout = TimeSpan.FromSeconds(30),
        };
        // Each shopper may check out 1,000 times a minute; enough of them for the highest rate.
        var shopperCount = (int)Math.Ceiling(plan.Rates.Max() * 60 / 1000 * 1.5) + 2;
        status($"registering {shopperCount} shoppers");
        var shoppers = await Shopper.RegisterAsync(http, shopperCount, cancellationToken);

        using var management = system.CreateManagementClient();
        var processes = system.Processes.ToDictionary(p => p.Name, p => (Func<IReadOnlyList<int>>)(() => p.Pid is { } pid ? [pid] : []));
        foreach (var (name, command) in ResourceSampler.Services)
        {
            processes[name] = () => ProcessTable.Named(command);
        }

        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sampler = new ResourceSampler(processes, system.ConnectionString, system.Name, management, system.Name, system.MetricsEndpoints, scraper);
        var step = new LoadStep(system, shoppers, sampler, management);
        // Fresh processes run tier-0 code and compile hot methods again in the background, on the
        // same two cores: 20 s of moderate load first, or the first steps measure the JIT.
        status("warming up");
        await step.RunAsync(WarmUpRate, TimeSpan.FromSeconds(20), status, cancellationToken);

        var steps = new List<StepResult>();
        foreach (var rate in plan.Rates)
        {
            var result = await step.RunAsync(rate, plan.StepDuration, status, cancellationToken);
            steps.Add(result);
            if (!result.KeptUp)
            {
                break;
            }
        }

        var knee = steps.Where(s => s.KeptUp).Select(s => s.OfferedPerSecond).DefaultIfEmpty(0).Max();
        StepResult? sustained = null;
        if (plan.Sustain is { } sustain && knee > 0)
        {
            status($"holding {knee:0}/s for {sustain.TotalSeconds:0} s");
            sustained = await step.RunAsync(knee, sustain, status, cancellationToken);
        }

        return BenchReport.Create(plan, baseline, steps, knee, sustained);
    }
}

/// <summary>What a bench run does: the ramp's rates and step length, the optional sustained minute, the baseline size.</summary>
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
