using Commerce.Bench.Measure;
using Commerce.Operations.Management;

namespace Commerce.Bench.Load;

/// <summary>
/// One step of the ramp: checkouts at a fixed rate for a while, then a wait until every accepted
/// order is final and every queue empty (the knee rule, <see cref="DrainGate"/>), then the step's
/// figures from the history, the database and the counters.
/// </summary>
public sealed class LoadStep(ILoadTarget target, ResourceSampler sampler, RabbitMqManagementClient management)
{
    /// <summary>From the end of the load; long enough for a step near the knee to clear its backlog, bounded so a step past it ends.</summary>
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan DrainPollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<StepResult> RunAsync(double rate, TimeSpan duration, Action<string> status, CancellationToken cancellationToken)
    {
        var before = await sampler.SampleAsync(cancellationToken);
        var startedAt = DateTimeOffset.UtcNow;
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var attempts = await OpenLoad.RunAsync(
            rate,
            duration,
            i => target.CheckoutAsync(i, cancellationToken),
            sent => status($"{rate:0}/s: {sent}/{total} checkouts sent"),
            cancellationToken);
        var use = (await sampler.SampleAsync(cancellationToken)).Since(before);
        var loadEnded = DateTimeOffset.UtcNow;

        var gate = await DrainAsync(rate, status, cancellationToken);
        // The cost's closing sample waits until the counters include the step's last work.
        if (gate.FinalSince is { } final && final + target.CounterLag > DateTimeOffset.UtcNow)
        {
            status($"{rate:0}/s: drained; letting the counters catch up");
            await Task.Delay(final + target.CounterLag - DateTimeOffset.UtcNow, cancellationToken);
        }

        var after = await sampler.SampleAsync(cancellationToken);
        var accepted = attempts.Where(a => a.Outcome.Result == CheckoutResult.Accepted).ToList();
        var confirmations = await target.ConfirmationsAsync(accepted.Select(a => a.Outcome.OrderId!.Value).ToList(), cancellationToken);
        var confirmed = confirmations.Where(c => c.ConfirmedAt is not null).ToList();
        var lastAnswer = attempts.Count == 0 ? startedAt : attempts.Max(a => a.IntendedAt + a.Latency);
        var lastConfirmed = confirmed.Count == 0 ? startedAt : confirmed.Max(c => c.ConfirmedAt!.Value);
        return new StepResult(
            rate,
            Math.Round(duration.TotalSeconds, 1),
            attempts.Count,
            accepted.Count,
            attempts.Count(a => a.Outcome.Result == CheckoutResult.Refused),
            attempts.Count(a => a.Outcome.Result == CheckoutResult.Unknown),
            confirmed.Count,
            KneeRule.PerSecond(accepted.Count, lastAnswer - startedAt),
            KneeRule.PerSecond(confirmed.Count, lastConfirmed - startedAt),
            Percentiles.Of(accepted.Select(a => a.Latency)),
            Percentiles.Of(confirmed.Select(c => c.ConfirmedAt!.Value - c.SubmittedAt)),
            gate.Drained,
            use)
        {
            DrainSeconds = gate.FinalSince is { } f ? Math.Round(Math.Max(0, (f - loadEnded).TotalSeconds), 1) : null,
            Cost = OrderCost.Between(before, after, accepted.Count),
        };
    }

    /// <summary>
    /// The target's background with no orders (<see cref="IdleBackground"/>): counters read before and
    /// after <paramref name="window"/>, the bench polling the database in between as a drain does.
    /// </summary>
    public async Task<IdleBackground> MeasureIdleAsync(TimeSpan window, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        status($"measuring the idle background for {window.TotalSeconds:0} s");
        var before = await sampler.SampleAsync(cancellationToken);
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            await target.InFlightAsync(cancellationToken);
            await Task.Delay(DrainPollInterval, cancellationToken);
        }

        return IdleBackground.Between(before, await sampler.SampleAsync(cancellationToken));
    }

    /// <summary>Polls the target and the broker until the gate opens or the deadline passes.</summary>
    private async Task<DrainGate> DrainAsync(double rate, Action<string> status, CancellationToken cancellationToken)
    {
        var gate = new DrainGate(DrainGate.RabbitMqStatisticsLag);
        var deadline = DateTime.UtcNow + DrainDeadline;
        while (true)
        {
            var (notFinal, outbox) = await target.InFlightAsync(cancellationToken);
            gate.ObserveDatabase(DateTimeOffset.UtcNow, notFinal, outbox);
            long? queued = null;
            if (gate.FinalSince is not null)
            {
                var at = DateTimeOffset.UtcNow;
                queued = (await management.GetQueuesAsync(target.VirtualHost, cancellationToken)).Sum(q => q.MessagesReady + q.MessagesUnacknowledged);
                gate.ObserveQueues(at, queued.Value);
            }

            if (gate.Drained || DateTime.UtcNow > deadline)
            {
                return gate;
            }

            status(queued is null
                ? $"{rate:0}/s: waiting for {notFinal} orders to become final ({outbox} outbox rows)"
                : $"{rate:0}/s: orders final; waiting for {queued} queued messages and a fresh queue reading");
            await Task.Delay(DrainPollInterval, cancellationToken);
        }
    }

}

/// <summary>The figures of one step; latencies in milliseconds.</summary>
public sealed record StepResult(
    double OfferedPerSecond,
    double Seconds,
    int Sent,
    int Accepted,
    int Refused,
    int Unknown,
    int Confirmed,
    double AcceptedPerSecond,
    double ConfirmedPerSecond,
    Percentiles AcceptLatency,
    Percentiles ConfirmLatency,
    bool Drained,
    ResourceUse Resources) : IRampStep
{
    /// <summary>Seconds from the end of the load until every order was final; null if they never all were.</summary>
    public double? DrainSeconds { get; init; }

    /// <summary>Per accepted order, from before the step until it drained (<see cref="OrderCost"/>).</summary>
    public OrderCost? Cost { get; init; }

    /// <summary>The system kept up: everything accepted and confirmed, at (nearly) the offered rate, every order final and every queue empty.</summary>
    public bool KeptUp => Drained && Confirmed == Accepted && KneeRule.KeptUp(OfferedPerSecond, ConfirmedPerSecond, Refused + Unknown);
}
