using System.Diagnostics;
using System.Diagnostics.Metrics;
using Commerce.Messaging.Maintenance;

namespace Commerce.Messaging;

/// <summary>
/// Counters and histograms of the outbox, the scheduler and saga steps, on the host's meter
/// (<see cref="MessagingMeterNames"/>). Gauges of what is waiting come from <see cref="MessagingBacklogSampler{TDbContext}"/>;
/// saga steps from <see cref="Saga.SagaStepMetricsObserver{TInstance}"/>.
/// </summary>
public sealed class MessagingMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _deliveryFailures;
    private readonly Histogram<double> _deliveryLag;
    private readonly Counter<long> _scheduledSent;
    private readonly Histogram<double> _schedulerLateness;
    private readonly Histogram<double> _sagaStepDuration;
    private readonly Counter<long> _sagaStepFailures;

    public MessagingMetrics(IMeterFactory meters, MessagingMeterNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        names ??= MessagingMeterNames.Default;
        _meter = meters.Create(names.MeterName);
        var prefix = names.InstrumentPrefix;
        _delivered = _meter.CreateCounter<long>($"{prefix}.outbox.delivered", "{message}", "Bus-outbox messages sent to the broker");
        _deliveryFailures = _meter.CreateCounter<long>($"{prefix}.outbox.delivery_failures", "{attempt}", "Bus-outbox delivery attempts that failed and were pushed back");
        _deliveryLag = _meter.CreateHistogram<double>($"{prefix}.outbox.delivery_lag", "s", "Time from a message's commit to its confirmed send");
        _scheduledSent = _meter.CreateCounter<long>($"{prefix}.scheduler.sent", "{message}", "Scheduled messages sent when due");
        _schedulerLateness = _meter.CreateHistogram<double>($"{prefix}.scheduler.lateness", "s", "How long after its due time a scheduled message was sent");
        _sagaStepDuration = _meter.CreateHistogram(
            $"{prefix}.saga.step.duration",
            "s",
            "Time a saga took over one message: loading and locking the instance, the step, saving it",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _sagaStepFailures = _meter.CreateCounter<long>($"{prefix}.saga.step.failures", "{attempt}", "Saga steps that threw (every failed attempt, also one retried later)");
        CreateGauges(prefix);
    }

    /// <summary>Outbox transactions waiting to be sent, and the age in seconds of the oldest.</summary>
    public OutboxBacklog OutboxBacklog { get; set; }

    /// <summary>Scheduled messages already due but not yet sent.</summary>
    public long ScheduledDue { get; set; }

    private void CreateGauges(string prefix)
    {
        _meter.CreateObservableGauge($"{prefix}.outbox.pending", () => OutboxBacklog.Pending, "{transaction}", "Bus-outbox transactions not yet sent");
        _meter.CreateObservableGauge($"{prefix}.outbox.oldest_age", () => OutboxBacklog.OldestAgeSeconds, "s", "Age of the oldest unsent bus-outbox transaction");
        _meter.CreateObservableGauge($"{prefix}.scheduler.due", () => ScheduledDue, "{message}", "Scheduled messages due but not yet sent");
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

    /// <summary>
    /// One message consumed by a saga, tagged with the saga, the message type, the state the instance
    /// was in before (<c>none</c> when no instance was loaded) and the outcome; a failure is also
    /// counted with the type of its innermost exception.
    /// </summary>
    public void RecordSagaStep(string saga, string messageType, string state, TimeSpan duration, Exception? failure)
    {
        var tags = new TagList
        {
            { "saga", saga },
            { "message_type", messageType },
            { "state", state },
            { "outcome", failure is null ? "ok" : "failed" },
        };
        _sagaStepDuration.Record(Math.Max(0, duration.TotalSeconds), tags);
        if (failure is not null)
        {
            // The innermost exception: MassTransit wraps the cause (UnhandledEventException, PostgresException) in its own.
            tags.Add("exception_type", failure.GetBaseException().GetType().Name);
            _sagaStepFailures.Add(1, tags);
        }
    }

    public void Dispose() => _meter.Dispose();
}
