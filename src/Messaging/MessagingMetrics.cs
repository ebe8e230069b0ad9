using System.Diagnostics.Metrics;

namespace Commerce.Messaging;

/// <summary>
/// Counters and histograms of the outbox and scheduler, on the <c>Commerce</c> meter (exported at
/// <c>/metrics</c>). Gauges of what is waiting come from <see cref="Maintenance.MessagingBacklogSampler{TDbContext}"/>.
/// </summary>
public sealed class MessagingMetrics : IDisposable
{
    public const string MeterName = "Commerce";

    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _deliveryFailures;
    private readonly Histogram<double> _deliveryLag;
    private readonly Counter<long> _scheduledSent;
    private readonly Histogram<double> _schedulerLateness;

    public MessagingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _delivered = _meter.CreateCounter<long>("commerce.outbox.delivered", "{message}", "Bus-outbox messages sent to the broker");
        _deliveryFailures = _meter.CreateCounter<long>("commerce.outbox.delivery_failures", "{attempt}", "Bus-outbox delivery attempts that failed and were pushed back");
        _deliveryLag = _meter.CreateHistogram<double>("commerce.outbox.delivery_lag", "s", "Time from a message's commit to its confirmed send");
        _scheduledSent = _meter.CreateCounter<long>("commerce.scheduler.sent", "{message}", "Scheduled messages sent when due");
        _schedulerLateness = _meter.CreateHistogram<double>("commerce.scheduler.lateness", "s", "How long after its due time a scheduled message was sent");
        CreateGauges();
    }

    /// <summary>Outbox transactions waiting to be sent, and the age in seconds of the oldest.</summary>
    public (long Pending, double OldestAgeSeconds) OutboxBacklog { get; set; }

    /// <summary>Scheduled messages already due but not yet sent.</summary>
    public long ScheduledDue { get; set; }

    private void CreateGauges()
    {
        _meter.CreateObservableGauge("commerce.outbox.pending", () => OutboxBacklog.Pending, "{transaction}", "Bus-outbox transactions not yet sent");
        _meter.CreateObservableGauge("commerce.outbox.oldest_age", () => OutboxBacklog.OldestAgeSeconds, "s", "Age of the oldest unsent bus-outbox transaction");
        _meter.CreateObservableGauge("commerce.scheduler.due", () => ScheduledDue, "{message}", "Scheduled messages due but not yet sent");
    }

    public void RecordDelivered(TimeSpan lag)
    {
        _delivered.Add(1);
        _deliveryLag.Record(Math.Max(0, lag.TotalSeconds));
    }

    public void RecordDeliveryFailure() => _deliveryFailures.Add(1);

    public void RecordScheduledSent(TimeSpan lateness)
    {
        _scheduledSent.Add(1);
        _schedulerLateness.Record(Math.Max(0, lateness.TotalSeconds));
    }

    public void Dispose() => _meter.Dispose();
}
