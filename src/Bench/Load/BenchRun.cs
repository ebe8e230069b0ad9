using Commerce.Bench.Baseline;
using Commerce.Bench.Hosting;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;
using Commerce.Bench.SameFlow;

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

        var services = ServiceSettings.FromEnvironment();
        using var queues = new QueueCounters(services);
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        status("starting the same-flow baseline");
        RampResult sameFlow;
        await using (var host = await SameFlowSystem.StartAsync(logDirectory, cancellationToken))
        {
            using var management = host.CreateManagementClient();
            var processes = WithServices(new() { [SameFlowSystem.ProcessName] = Pid(host.Process) });
            var sampler = new ResourceSampler(processes, null, null, management, queues, host.VirtualHost, [], scraper);
            sameFlow = await Ramp.RunAsync(new LoadStep(host, sampler, management), plan, sustain: false, findKnee: true, "same-flow", status, cancellationToken);
        }

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

        using (var management = system.CreateManagementClient())
        {
            var processes = WithServices(system.Processes.ToDictionary(p => p.Name, Pid));
            var sampler = new ResourceSampler(processes, system.ConnectionString, system.Name, management, queues, system.Name, system.MetricsEndpoints, scraper);
            var commerce = await Ramp.RunAsync(new LoadStep(new CommerceTarget(system, shoppers), sampler, management), plan, sustain: true, findKnee: false, "commerce", status, cancellationToken);
            return BenchReport.Create(plan, baseline, sameFlow, commerce);
        }
    }

    private static Func<IReadOnlyList<int>> Pid(ManagedProcess process) => () => process.Pid is { } pid ? [pid] : [];

    /// <summary>Both systems' cost counts the shared services too (by name), so their CPU figures cover the same ground.</summary>
    private static Dictionary<string, Func<IReadOnlyList<int>>> WithServices(Dictionary<string, Func<IReadOnlyList<int>>> processes)
    {
        foreach (var (name, command) in ResourceSampler.Services)
        {
            processes[name] = () => ProcessTable.Named(command);
        }

        return processes;
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
