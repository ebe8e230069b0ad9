namespace Commerce.Bench.Chaos;

/// <summary>
/// Decides how long to wait for quiescence after the nemesis is healed: as long as the backlog
/// (queued messages, bus-outbox rows, open sagas) keeps reaching new lows, up to a cap. A backlog
/// that stops shrinking for <paramref name="stallWindow"/> is stuck; one still shrinking when the
/// cap is reached is only slow, and the report calls it still draining rather than a violation.
/// </summary>
public sealed class QuiescenceWatch(DateTimeOffset startedAt, TimeSpan stallWindow, TimeSpan cap)
{
    private readonly DateTimeOffset _startedAt = startedAt;
    private long? _lowest;
    private DateTimeOffset _lastProgress = startedAt;

    /// <summary>One reading; <paramref name="settled"/> when every order is final and nothing is left anywhere.</summary>
    public QuiescenceVerdict Observe(DateTimeOffset at, long backlog, bool settled)
    {
        if (settled)
        {
            return QuiescenceVerdict.Quiescent;
        }

        if (_lowest is not { } lowest || backlog < lowest)
        {
            _lowest = backlog;
            _lastProgress = at;
        }

        var stalled = at - _lastProgress >= stallWindow;
        if (stalled)
        {
            return QuiescenceVerdict.Stalled;
        }

        return at - _startedAt >= cap ? QuiescenceVerdict.StillDraining : QuiescenceVerdict.Waiting;
    }
}

public enum QuiescenceVerdict
{
    /// <summary>Keep waiting: the backlog shrank recently and the cap is not reached.</summary>
    Waiting,

    /// <summary>Every order final, every queue and the outbox empty, no saga open.</summary>
    Quiescent,

    /// <summary>The cap was reached while the backlog was still shrinking: what is left is backlog, not a violation.</summary>
    StillDraining,

    /// <summary>The backlog stopped shrinking: what is left is stuck.</summary>
    Stalled,
}
