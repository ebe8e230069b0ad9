using Commerce.Bench.SameFlow;
using Microsoft.Extensions.Time.Testing;

namespace Commerce.Bench.Tests;

/// <summary>The same-flow baseline's scheduler: a timer fires once when due, and a cancelled one never does.</summary>
public sealed class InProcessTimersSpecs
{
    [Test]
    public void A_timer_fires_once_when_it_is_due_and_not_before()
    {
        var clock = new FakeTimeProvider();
        using var timers = new InProcessTimers(clock);
        var fired = 0;
        var token = Guid.NewGuid();

        timers.Set(token, clock.GetUtcNow() + TimeSpan.FromMinutes(5), () => Fire(ref fired));
        clock.Advance(TimeSpan.FromMinutes(4));
        var early = fired;
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Zero, "before its time");
            Assert.That(fired, Is.EqualTo(1));
            Assert.That(timers.Pending, Is.Zero);
            Assert.That(timers.Cancel(token), Is.False, "a timer that fired is gone");
        });
    }

    [Test]
    public void A_cancelled_timer_never_fires()
    {
        var clock = new FakeTimeProvider();
        using var timers = new InProcessTimers(clock);
        var fired = 0;
        var token = Guid.NewGuid();
        timers.Set(token, clock.GetUtcNow() + TimeSpan.FromMinutes(5), () => Fire(ref fired));

        var cancelled = timers.Cancel(token);
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.True);
            Assert.That(fired, Is.Zero);
            Assert.That(timers.Pending, Is.Zero);
        });
    }

    [Test]
    public void A_timer_set_for_a_time_already_past_fires_at_once()
    {
        var clock = new FakeTimeProvider();
        using var timers = new InProcessTimers(clock);
        var fired = 0;

        timers.Set(Guid.NewGuid(), clock.GetUtcNow() - TimeSpan.FromSeconds(1), () => Fire(ref fired));
        clock.Advance(TimeSpan.Zero);

        Assert.That(fired, Is.EqualTo(1));
    }

    private static Task Fire(ref int count)
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }
}
