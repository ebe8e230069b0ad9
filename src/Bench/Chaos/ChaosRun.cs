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

    private static readonly TimeSpan QuiescenceDeadline = TimeSpan.FromMinutes(3);

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
        var history = new List<HistoryEntry>();
        var total = (int)(plan.RatePerSecond * plan.Duration.TotalSeconds);
        try
        {
            // One in ten buys the scarce product, one in ten pays with a card that is declined.
            var timed = await OpenLoad.RunAsync(
                plan.RatePerSecond,
                plan.Duration,
                i => checkout.RunAsync(i, i % 10 == 3 ? scarce : system.ProductId, i % 10 == 7 ? "pm_card_chargeDeclined" : "pm_card_visa", cancellationToken),
                sent => status($"load: {sent}/{total} checkouts started; {nemesis.Strikes.Count} strikes"),
                cancellationToken);
            history.AddRange(timed.Select(t => t.Outcome));
        }
        finally
        {
            await stopNemesis.CancelAsync();
            await strikes;
            status("healing: faults off, services and workers started");
            await nemesis.HealAsync(CancellationToken.None);
        }

        var quiet = await WaitForQuiescenceAsync(system, sandbox, status, cancellationToken);
        var observed = await Observed.ReadAsync(system, sandbox, cancellationToken);
        var results = InvariantChecker.Check(history, observed, initialStock);
        return new ChaosReport(plan, history, nemesis.Strikes, system.Workers.Sum(w => w.Restarts), quiet, observed.Orders.Count, results);
    }

    /// <summary>Quiescence: every order terminal, every queue empty, the outbox sent. False when the deadline passes first.</summary>
    private static async Task<TimeSpan?> WaitForQuiescenceAsync(SystemUnderTest system, HttpClient sandbox, Action<string> status, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < QuiescenceDeadline)
        {
            try
            {
                var observed = await Observed.ReadAsync(system, sandbox, cancellationToken);
                var open = observed.Orders.Count(o => !Observed.TerminalStatuses.Contains(o.Status));
                if (open == 0 && observed.QueuedMessages == 0 && observed.OutboxRows == 0 && observed.OpenSagas == 0)
                {
                    return DateTime.UtcNow - started;
                }

                status($"quiescing: {open} orders open, {observed.QueuedMessages} queued, {observed.OutboxRows} outbox rows");
            }
            catch (Exception e) when (e is NpgsqlException or HttpRequestException { StatusCode: null })
            {
                status($"quiescing: stores not answering yet ({e.Message})");
            }

            await Task.Delay(1000, cancellationToken);
        }

        return null;
    }
}

public sealed record ChaosReport(ChaosPlan Plan, IReadOnlyList<HistoryEntry> History, IReadOnlyList<Strike> Strikes, int WorkerRestarts, TimeSpan? Quiescence, int Orders, IReadOnlyList<InvariantResult> Invariants)
{
    public int Violations => Invariants.Sum(i => i.Violations);
}
