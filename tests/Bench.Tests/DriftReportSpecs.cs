using Commerce.Bench.Load;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;

namespace Commerce.Bench.Tests;

/// <summary>A drift run's verdict: every minute kept up, and the last minute's throughput and PostgreSQL CPU per transaction near the first's.</summary>
public sealed class DriftReportSpecs
{
    private static readonly DriftPlan Plan = new(Rate: 30, Minutes: 3, Products: 50);

    private static DriftSlice Slice(int minute, double confirmedPerSecond, double postgresCpuPerOrder, double transactionsPerOrder, bool drained = true)
    {
        var cost = new OrderCost(1_800, 70, transactionsPerOrder, 100, 70, 12, 12, 80, new Dictionary<string, double> { ["postgresql"] = postgresCpuPerOrder, ["workers-1"] = 30 });
        var latency = new Percentiles(1_800, 10, 20, 30, 40);
        var step = new StepResult(30, 60, 1_800, 1_800, 0, 0, 1_800, 30, confirmedPerSecond, latency, latency, drained, new ResourceUse(new Dictionary<string, ProcessUse>(), 0, 0, 0)) { Cost = cost };
        return new DriftSlice(minute, step, InboxRows: minute * 21_600, OutboxRows: 0);
    }

    [Test]
    public void Minutes_that_keep_up_at_the_same_cost_are_flat()
    {
        var report = new DriftReport(Plan, DateTimeOffset.UnixEpoch, [Slice(1, 30, 20, 16), Slice(2, 29.8, 21, 16), Slice(3, 29.6, 21.6, 16)]);

        Assert.Multiple(() =>
        {
            Assert.That(report.Slices[0].PostgresCpuPerTransaction, Is.EqualTo(1.25), "20 ms per order over 16 transactions per order");
            Assert.That(report.ThroughputRatio, Is.EqualTo(0.99));
            Assert.That(report.PostgresCpuPerTransactionRatio, Is.EqualTo(1.08));
            Assert.That(report.Flat, Is.True);
            Assert.That(report.Summary, Does.EndWith(": flat"));
        });
    }

    [Test]
    public void PostgreSQL_growing_dearer_per_transaction_is_drift_even_while_every_minute_keeps_up()
    {
        var report = new DriftReport(Plan, DateTimeOffset.UnixEpoch, [Slice(1, 30, 20, 16), Slice(2, 30, 24, 16), Slice(3, 30, 28, 16)]);

        Assert.Multiple(() =>
        {
            Assert.That(report.KeptUpEveryMinute, Is.True);
            Assert.That(report.PostgresCpuPerTransactionRatio, Is.EqualTo(1.4));
            Assert.That(report.Flat, Is.False);
        });
    }

    [Test]
    public void A_minute_that_did_not_drain_is_not_flat_and_the_markdown_shows_it()
    {
        var report = new DriftReport(Plan, DateTimeOffset.UnixEpoch, [Slice(1, 30, 20, 16), Slice(2, 30, 20, 16, drained: false), Slice(3, 30, 20, 16)]);

        Assert.Multiple(() =>
        {
            Assert.That(report.Flat, Is.False);
            Assert.That(report.Summary, Does.Contain("NOT kept up every minute"));
            Assert.That(DriftReportWriter.Markdown(report), Does.Contain("| 2 | 30 | no |"));
        });
    }
}
