using Commerce.Bench.Hosting;
using Commerce.Bench.Load;
using Npgsql;

namespace Commerce.Bench.Chaos;

/// <summary>
/// <c>./commerce chaos</c>: the system with two Workers processes under steady checkout load while
/// the nemesis strikes; then everything is healed, the run waits for quiescence, and the checker
/// counts violations of I1–I7.
/// </summary>
public static class ChaosRun
{
    private const int PlentifulStock = 100_000;

    /// <summary>Scarce enough that the short run sells out, so rejections and releases happen under faults too.</summary>
    private const int ScarceStock = 40;

    public static async Task<ChaosReport> RunAsync(ChaosPlan plan, string logDirectory, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        status("starting Sandbox, Api and two Workers processes");
        await using var system = await SystemUnderTest.StartAsync(new SystemShape("chaos", ApiInstances: 1, WorkerInstances: 2, InitialStock: PlentifulStock), logDirectory, cancellationToken);
        var scarce = await system.AddProductAsync("CHAOS-SCARCE", "Limited mug", 30m, ScarceStock, cancellationToken);
        var initialStock = new Dictionary<Guid, int> { [system.ProductId] = PlentifulStock, [scarce] = ScarceStock };
        using var http = new HttpClient { BaseAddress = system.Api, Timeout = TimeSpan.FromSeconds(10) };
        using var sandbox = new HttpClient { BaseAddress = system.Sandbox, Timeout = TimeSpan.FromSeconds(10) };
        var checkout = new RetryingCheckout(await Shopper.RegisterAsync(http, 4, cancellationToken));

        var nemesis = new Nemesis(system, sandbox, plan.Faults);
        using var stopNemesis = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var strikes = nemesis.RunAsync(plan.NemesisInterval, status, stopNemesis.Token);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadEnds = EndLoadAsync(plan, nemesis, stopLoad);
        var history = new List<HistoryEntry>();
        try
        {
            // One in ten buys the scarce product, one in ten pays with a card that is declined.
            var timed = await OpenLoad.RunAsync(
                plan.RatePerSecond,
                plan.Duration + plan.EveryFaultAllowance,
                i => checkout.RunAsync(i, i % 10 == 3 ? scarce : system.ProductId, i % 10 == 7 ? "pm_card_chargeDeclined" : "pm_card_visa", cancellationToken),
                sent => status($"load: {sent} checkouts started; {nemesis.Strikes.Count} strikes"),
                stopLoad.Token);
            history.AddRange(timed.Select(t => t.Outcome));
        }
        finally
        {
            await stopLoad.CancelAsync();
            await loadEnds;
            await stopNemesis.CancelAsync();
            await strikes;
            status("healing: faults off, services and workers started");
            await nemesis.HealAsync(CancellationToken.None);
        }

        var (ending, waited) = await WaitForQuiescenceAsync(plan, system, sandbox, status, cancellationToken);
        var observed = await Observed.ReadAsync(system, sandbox, cancellationToken);
        var results = InvariantChecker.Check(history, observed, initialStock, draining: ending == QuiescenceVerdict.StillDraining);
        return new ChaosReport(plan, history, nemesis.Strikes, system.Workers.Sum(w => w.Restarts), ending == QuiescenceVerdict.Quiescent ? waited : null, observed.Orders.Count, results)
        {
            Ending = ending,
            Backlog = ChaosBacklog.Of(observed),
        };
    }

    /// <summary>
    /// Ends the load once the plan's duration is over and the nemesis has struck every fault of the
    /// plan, or at the allowance past the duration, whichever comes first.
    /// </summary>
    private static async Task EndLoadAsync(ChaosPlan plan, Nemesis nemesis, CancellationTokenSource stopLoad)
    {
        try
        {
            await Task.Delay(plan.Duration, stopLoad.Token);
            await Task.WhenAny(nemesis.EveryFaultStruck, Task.Delay(plan.EveryFaultAllowance, stopLoad.Token));
        }
        catch (OperationCanceledException) when (stopLoad.IsCancellationRequested)
        {
            return;
        }

        await stopLoad.CancelAsync();
    }

    /// <summary>
    /// Waits for every order to be final, every queue empty, the outbox sent, no saga open — for as
    /// long as the backlog keeps shrinking, up to the plan's cap (<see cref="QuiescenceWatch"/>).
    /// </summary>
    private static async Task<(QuiescenceVerdict, TimeSpan)> WaitForQuiescenceAsync(ChaosPlan plan, SystemUnderTest system, HttpClient sandbox, Action<string> status, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = new QuiescenceWatch(started, plan.StallWindow, plan.QuiescenceCap);
        while (true)
        {
            var verdict = QuiescenceVerdict.Waiting;
            try
            {
                var backlog = ChaosBacklog.Of(await Observed.ReadAsync(system, sandbox, cancellationToken));
                verdict = watch.Observe(DateTimeOffset.UtcNow, backlog.Size, backlog.IsEmpty);
                status($"quiescing: {backlog.OrdersNotFinal} orders open, {backlog.QueuedMessages} queued, {backlog.OutboxRows} outbox rows, {backlog.OpenSagas} sagas open");
            }
            catch (Exception e) when (e is NpgsqlException or HttpRequestException { StatusCode: null })
            {
                status($"quiescing: stores not answering yet ({e.Message})");
                // Stores that never come back must still end the wait.
                if (DateTimeOffset.UtcNow - started >= plan.QuiescenceCap)
                {
                    verdict = QuiescenceVerdict.Stalled;
                }
            }

            if (verdict != QuiescenceVerdict.Waiting)
            {
                return (verdict, DateTimeOffset.UtcNow - started);
            }

            await Task.Delay(1000, cancellationToken);
        }
    }
}

public sealed record ChaosReport(ChaosPlan Plan, IReadOnlyList<HistoryEntry> History, IReadOnlyList<Strike> Strikes, int WorkerRestarts, TimeSpan? Quiescence, int Orders, IReadOnlyList<InvariantResult> Invariants)
{
    /// <summary>How the wait for quiescence ended; StillDraining turns missing and unfinished findings into <see cref="StillDraining"/>.</summary>
    public QuiescenceVerdict Ending { get; init; } = QuiescenceVerdict.Quiescent;

    /// <summary>What was left to do when the wait ended.</summary>
    public ChaosBacklog Backlog { get; init; } = new(0, 0, 0, 0);

    public int Violations => Invariants.Sum(i => i.Violations);

    /// <summary>Findings the backlog may still resolve: not violations, but the run did not prove them either.</summary>
    public int StillDraining => Invariants.Sum(i => i.DrainingCount);

    /// <summary>The faults of the plan the nemesis never got to (the load hit its allowance first).</summary>
    public IReadOnlyList<Fault> NotStruck => Nemesis.NotStruck(Plan.Faults, Strikes);

    /// <summary>0 when quiescent with no violation, 1 on any violation, 3 when it ended still draining or a planned fault never struck (inconclusive).</summary>
    public int ExitCode => Violations > 0 ? 1 : Ending == QuiescenceVerdict.Quiescent && NotStruck.Count == 0 ? 0 : 3;
}
