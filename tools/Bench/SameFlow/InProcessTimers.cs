using System.Collections.Concurrent;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// One-shot timers by token, in memory only: what the same-flow baseline schedules instead of
/// sending a message to a scheduler. Nothing leaves the process until a timer fires; cancelling
/// one before that leaves no trace anywhere.
/// </summary>
public sealed class InProcessTimers(TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, ITimer> _timers = new();

    /// <summary>Timers set and neither fired nor cancelled.</summary>
    public int Pending => _timers.Count;

    /// <summary>Runs <paramref name="fire"/> once at <paramref name="due"/> (at once if that has passed) unless cancelled first.</summary>
    public void Set(Guid token, DateTimeOffset due, Func<Task> fire)
    {
        ArgumentNullException.ThrowIfNull(fire);
        // Registered before it can run: a timer that fired before it was stored could not claim itself.
        var timer = clock.CreateTimer(_ => Fire(token, fire), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (!_timers.TryAdd(token, timer))
        {
            timer.Dispose();
            throw new InvalidOperationException($"a timer with token {token} is already set");
        }

        var wait = due - clock.GetUtcNow();
        timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True if the timer was still pending (it will not fire now); false if it fired, was cancelled or never existed.</summary>
    public bool Cancel(Guid token)
    {
        if (!_timers.TryRemove(token, out var timer))
        {
            return false;
        }

        timer.Dispose();
        return true;
    }

    public void Dispose()
    {
        foreach (var token in _timers.Keys)
        {
            Cancel(token);
        }
    }

    private void Fire(Guid token, Func<Task> fire)
    {
        // Whoever removes the token owns it: a cancel that wins the race means no send.
        if (_timers.TryRemove(token, out var timer))
        {
            timer.Dispose();
            _ = fire();
        }
    }
}
