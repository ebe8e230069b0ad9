using System.Collections.Concurrent;

namespace Commerce.Workers.Notifications;

/// <summary>
/// The (order, event) emails this process handed to the provider in the last few minutes. When the
/// commit that records an email fails after the provider took it (PostgreSQL restarting, say), the
/// retry in this process finds it here and records it without sending a second copy. Only a crash
/// of the process itself in that window can still duplicate an email.
/// </summary>
public sealed class RecentlySentEmails(TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>Expired entries are swept at most this often: a sweep reads every entry, an email must not.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(Guid OrderId, string EventType), DateTimeOffset> _sent = new();
    private long _nextSweepTicks;

    public bool Contains(Guid orderId, string eventType) =>
        _sent.TryGetValue((orderId, eventType), out var at) && clock.GetUtcNow() - at < Window;

    public void Add(Guid orderId, string eventType)
    {
        var now = clock.GetUtcNow();
        _sent[(orderId, eventType)] = now;
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var stale in _sent.Where(e => now - e.Value >= Window).Select(e => e.Key))
        {
            _sent.TryRemove(stale, out _);
        }
    }
}
