namespace Commerce.Bench.Measure;

/// <summary>
/// The knee rule's "drained": every accepted order is final (Delivered, or Rejected, PaymentFailed,
/// Cancelled), the bus outbox is empty, and every queue of the bench's virtual host shows zero
/// ready and unacknowledged messages in a reading that the broker collected after that — its
/// management API refreshes queue figures only every few seconds, so a zero read too soon after the
/// orders became final may describe the queues as they were before.
/// </summary>
public sealed class DrainGate(TimeSpan managementLag)
{
    /// <summary>RabbitMQ's collect_statistics_interval (5 s by default) plus a margin.</summary>
    public static readonly TimeSpan RabbitMqStatisticsLag = TimeSpan.FromSeconds(6);

    /// <summary>Since when the database has shown nothing left to do (null while it does).</summary>
    public DateTimeOffset? FinalSince { get; private set; }

    public bool Drained { get; private set; }

    /// <summary>One reading of the database: orders not yet final and bus-outbox rows not yet sent.</summary>
    public void ObserveDatabase(DateTimeOffset at, long ordersNotFinal, long outboxRows)
    {
        if (ordersNotFinal > 0 || outboxRows > 0)
        {
            FinalSince = null;
            Drained = false;
        }
        else
        {
            FinalSince ??= at;
        }
    }

    /// <summary>One reading of the broker's queue list (ready + unacknowledged, summed over every queue), requested at <paramref name="at"/>.</summary>
    public void ObserveQueues(DateTimeOffset at, long queuedMessages)
    {
        if (FinalSince is { } final && queuedMessages == 0 && at >= final + managementLag)
        {
            Drained = true;
        }
    }
}
