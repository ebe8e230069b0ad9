using System.Diagnostics;

namespace Commerce.Bench.Load;

/// <summary>
/// An open-model load generator: requests start on a fixed schedule whether or not earlier ones
/// have answered, and each latency is timed from the request's intended start (wrk2's answer to
/// coordinated omission), so a stalled server shows up as latency instead of a slower request rate.
/// </summary>
public static class OpenLoad
{
    public static async Task<IReadOnlyList<Timed<T>>> RunAsync<T>(
        double ratePerSecond,
        TimeSpan duration,
        Func<int, Task<T>> send,
        Action<int>? onSent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var total = (int)Math.Round(ratePerSecond * duration.TotalSeconds);
        var attempts = new Task<Timed<T>>[total];
        var start = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        var next = 0;
        while (next < total && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * ratePerSecond) + 1);
            for (; next < due; next++)
            {
                var intended = start + (long)(next / ratePerSecond * Stopwatch.Frequency);
                attempts[next] = TimeAsync(next, intended, startedAt + TimeSpan.FromSeconds(next / ratePerSecond), send);
            }

            onSent?.Invoke(next);
            await Task.Delay(1, CancellationToken.None);
        }

        return await Task.WhenAll(attempts.Take(next));
    }

    private static async Task<Timed<T>> TimeAsync<T>(int index, long intended, DateTimeOffset intendedAt, Func<int, Task<T>> send)
    {
        await Task.Yield();
        var outcome = await send(index);
        return new Timed<T>(index, intendedAt, Stopwatch.GetElapsedTime(intended), outcome);
    }
}

/// <summary>One request: when it was meant to start, how long until its answer, and the answer.</summary>
public sealed record Timed<T>(int Index, DateTimeOffset IntendedAt, TimeSpan Latency, T Outcome);
