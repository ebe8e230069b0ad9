using Commerce.Bench.Hosting;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Load;

/// <summary>
/// One step of the ramp: checkouts at a fixed rate for a while, then a wait until the saga has
/// taken every accepted order past payment, then the step's figures from the history and the database.
/// </summary>
public sealed class LoadStep(SystemUnderTest system, IReadOnlyList<Shopper> shoppers, ResourceSampler sampler)
{
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(90);

    public async Task<StepResult> RunAsync(double rate, TimeSpan duration, Action<string> status, CancellationToken cancellationToken)
    {
        var before = await sampler.SampleAsync(cancellationToken);
        var startedAt = DateTimeOffset.UtcNow;
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var attempts = await OpenLoad.RunAsync(
            rate,
            duration,
            i => shoppers[i % shoppers.Count].CheckoutAsync(system.ProductIds[i % system.ProductIds.Count], Guid.NewGuid().ToString(), "pm_card_visa", cancellationToken),
            sent => status($"{rate:0}/s: {sent}/{total} checkouts sent"),
            cancellationToken);
        var use = (await sampler.SampleAsync(cancellationToken)).Since(before);

        var drained = await DrainAsync(rate, status, cancellationToken);
        var accepted = attempts.Where(a => a.Outcome.Result == CheckoutResult.Accepted).ToList();
        await using var db = system.CreateContext();
        var confirmations = await OrderProgress.ConfirmationsAsync(db, accepted.Select(a => a.Outcome.OrderId!.Value).ToList(), cancellationToken);
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
            PerSecond(accepted.Count, lastAnswer - startedAt),
            PerSecond(confirmed.Count, lastConfirmed - startedAt),
            Percentiles.Of(accepted.Select(a => a.Latency)),
            Percentiles.Of(confirmed.Select(c => c.ConfirmedAt!.Value - c.SubmittedAt)),
            drained,
            use);
    }

    /// <summary>Waits until no order is before payment any more; false if the system did not catch up in time.</summary>
    private async Task<bool> DrainAsync(double rate, Action<string> status, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DrainDeadline;
        while (true)
        {
            await using var db = system.CreateContext();
            var inFlight = await OrderProgress.InFlightAsync(db, cancellationToken);
            if (inFlight == 0)
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            status($"{rate:0}/s: waiting for {inFlight} orders to get past payment");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static double PerSecond(int count, TimeSpan window) => Math.Round(count / Math.Max(0.001, window.TotalSeconds), 1);
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
    ResourceUse Resources)
{
    /// <summary>The system kept up: everything accepted and confirmed, at (nearly) the offered rate, and the backlog cleared.</summary>
    public bool KeptUp => Drained && Refused == 0 && Unknown == 0 && Confirmed == Accepted && ConfirmedPerSecond >= 0.9 * OfferedPerSecond;
}
