using Commerce.Bench.Load;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Reads;

/// <summary>
/// One step of a read ramp: the workload at a fixed rate, open model (<see cref="OpenLoad"/>), first
/// for a warm-up that is not counted, then for the step; latency from each request's intended start,
/// failures included, so that a server falling behind shows as latency and not as a slower rate.
/// </summary>
public sealed class ReadStep(HttpClient http, ResourceSampler sampler)
{
    public async Task<ReadStepResult> RunAsync(ReadWorkload workload, double rate, ReadsPlan plan, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(status);
        status($"{rate:0}/s: warming up for {plan.StepWarmUp.TotalSeconds:0} s");
        await LoadAsync(workload, rate, plan.StepWarmUp, _ => { }, cancellationToken);

        var before = await sampler.SampleAsync(cancellationToken);
        var startedAt = DateTimeOffset.UtcNow;
        var total = (int)Math.Round(rate * plan.StepDuration.TotalSeconds);
        var attempts = await LoadAsync(workload, rate, plan.StepDuration, sent => status($"{rate:0}/s: {sent}/{total} requests sent"), cancellationToken);
        var use = (await sampler.SampleAsync(cancellationToken)).Since(before);
        var ok = attempts.Count(a => a.Outcome == 200);
        var lastAnswer = attempts.Count == 0 ? startedAt : attempts.Max(a => a.IntendedAt + a.Latency);
        return new ReadStepResult(
            rate,
            Math.Round(plan.StepDuration.TotalSeconds, 1),
            attempts.Count,
            ok,
            attempts.Count - ok,
            KneeRule.PerSecond(ok, lastAnswer - startedAt),
            Percentiles.Of(attempts.Select(a => a.Latency)),
            use);
    }

    /// <summary>
    /// The workload's <see cref="ReadWorkload.Prime"/> requests one at a time (the cached searches'
    /// entries are in Redis before they are timed), then the workload at <paramref name="rate"/>
    /// for <paramref name="duration"/>, not counted: fresh processes run tier-0 code at first.
    /// </summary>
    public async Task WarmUpAsync(ReadWorkload workload, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        foreach (var path in workload.Prime)
        {
            var status = await GetAsync(path, cancellationToken);
            if (status != 200)
            {
                throw new InvalidOperationException($"{workload.Name}: priming {path} answered {status}");
            }
        }

        await LoadAsync(workload, rate, duration, _ => { }, cancellationToken);
    }

    private Task<IReadOnlyList<Timed<int>>> LoadAsync(ReadWorkload workload, double rate, TimeSpan duration, Action<int> onSent, CancellationToken cancellationToken) =>
        OpenLoad.RunAsync(rate, duration, i => GetAsync(workload.Path(i), cancellationToken), onSent, cancellationToken);

    /// <summary>The status code once the whole body has arrived; 0 when there was no answer (timeout, connection dropped).</summary>
    private async Task<int> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }
}
