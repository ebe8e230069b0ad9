using Commerce.Bench.Chaos;

namespace Commerce.Bench.Tests;

/// <summary>The chaos run waits while the backlog shrinks, calls a flat one stuck, and one cut off by the cap still draining.</summary>
public sealed class QuiescenceWatchSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    [Test]
    public void A_shrinking_backlog_is_waited_for_past_the_stall_window()
    {
        var watch = new QuiescenceWatch(T0, Stall, Cap);

        var verdicts = Enumerable.Range(0, 5).Select(i => watch.Observe(At(i * 50), backlog: 1000 - (i * 100), settled: false)).ToList();

        Assert.That(verdicts, Is.All.EqualTo(QuiescenceVerdict.Waiting));
    }

    [Test]
    public void An_empty_backlog_with_every_order_final_is_quiescent()
    {
        var watch = new QuiescenceWatch(T0, Stall, Cap);
        watch.Observe(At(1), 40, settled: false);

        Assert.That(watch.Observe(At(2), 0, settled: true), Is.EqualTo(QuiescenceVerdict.Quiescent));
    }

    [Test]
    public void A_backlog_without_a_new_low_for_the_stall_window_is_stalled()
    {
        var watch = new QuiescenceWatch(T0, Stall, Cap);
        watch.Observe(At(0), 500, false);
        watch.Observe(At(10), 300, false);

        Assert.Multiple(() =>
        {
            Assert.That(watch.Observe(At(40), 320, false), Is.EqualTo(QuiescenceVerdict.Waiting), "a rise is not yet a stall");
            Assert.That(watch.Observe(At(70), 300, false), Is.EqualTo(QuiescenceVerdict.Stalled), "no new low since 10 s");
        });
    }

    [Test]
    public void A_backlog_still_shrinking_at_the_cap_is_still_draining_not_stuck()
    {
        var watch = new QuiescenceWatch(T0, Stall, Cap);
        var verdict = QuiescenceVerdict.Waiting;
        for (var second = 0; verdict == QuiescenceVerdict.Waiting && second <= Cap.TotalSeconds + 30; second += 30)
        {
            verdict = watch.Observe(At(second), 10_000 - second, false);
        }

        Assert.That(verdict, Is.EqualTo(QuiescenceVerdict.StillDraining));
    }

    private static DateTimeOffset At(int seconds) => T0 + TimeSpan.FromSeconds(seconds);
}
