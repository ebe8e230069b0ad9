using Commerce.Bench.Measure;

namespace Commerce.Bench.Tests;

/// <summary>The knee rule's "drained": all orders final, then a queue reading the broker collected afterwards shows zero.</summary>
public sealed class DrainGateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(6);

    [Test]
    public void Orders_past_payment_but_not_final_keep_the_step_open()
    {
        var gate = new DrainGate(Lag);

        gate.ObserveDatabase(T0, ordersNotFinal: 3, outboxRows: 0);
        gate.ObserveQueues(T0 + TimeSpan.FromSeconds(30), queuedMessages: 0);

        Assert.That(gate.Drained, Is.False);
        Assert.That(gate.FinalSince, Is.Null);
    }

    [Test]
    public void A_zero_reading_too_soon_after_the_orders_became_final_does_not_count()
    {
        var gate = new DrainGate(Lag);
        gate.ObserveDatabase(T0, 0, 0);

        gate.ObserveQueues(T0 + TimeSpan.FromSeconds(2), 0);

        Assert.That(gate.Drained, Is.False, "the broker's figures may predate the orders' last steps");
    }

    [Test]
    public void A_zero_reading_a_statistics_interval_after_the_orders_became_final_drains_the_step()
    {
        var gate = new DrainGate(Lag);
        gate.ObserveDatabase(T0, 0, 0);
        gate.ObserveDatabase(T0 + TimeSpan.FromSeconds(3), 0, 0);

        gate.ObserveQueues(T0 + Lag, 0);

        Assert.That(gate.Drained, Is.True);
        Assert.That(gate.FinalSince, Is.EqualTo(T0), "final since the first reading that showed it");
    }

    [Test]
    public void Messages_still_queued_keep_the_step_open()
    {
        var gate = new DrainGate(Lag);
        gate.ObserveDatabase(T0, 0, 0);

        gate.ObserveQueues(T0 + TimeSpan.FromSeconds(20), queuedMessages: 4);

        Assert.That(gate.Drained, Is.False);
    }

    [Test]
    public void Outbox_rows_or_an_order_reopening_restart_the_wait()
    {
        var gate = new DrainGate(Lag);
        gate.ObserveDatabase(T0, 0, 0);
        gate.ObserveDatabase(T0 + TimeSpan.FromSeconds(1), 0, outboxRows: 2);
        gate.ObserveDatabase(T0 + TimeSpan.FromSeconds(4), 0, 0);

        gate.ObserveQueues(T0 + TimeSpan.FromSeconds(7), 0);

        Assert.That(gate.Drained, Is.False, "only 3 s since the outbox emptied");
        Assert.That(gate.FinalSince, Is.EqualTo(T0 + TimeSpan.FromSeconds(4)));
    }
}
