using System.ComponentModel.DataAnnotations;

namespace Commerce.Messaging.Configuration;

/// <summary>Tuning of the PostgreSQL outbox, inbox and scheduler. Bound from <c>Messaging</c>.</summary>
public sealed class PostgresMessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How often the delivery and scheduler loops look for work when nothing woke them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows one delivery pass takes (outbox transactions or scheduled messages).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long one send may wait for the broker's confirm before the row is retried later. Rows a
    /// step committed and has not deleted after this long are taken as left behind by a dead process
    /// and sent again (<see cref="Outbox.StrandedOutboxRowsSender{TDbContext}"/>, every this long).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest back-off between attempts at a row that could not be sent.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a consumed message's id is remembered, so a redelivery within it is dropped.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the cleanup job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long the deletion of sent outbox rows waits for more steps to share its statement. No
    /// step waits for it; the longer it is, the fewer statements, and the more sent rows a crash
    /// leaves for <see cref="Outbox.StrandedOutboxRowsSender{TDbContext}"/> to send again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan DeliveredRowsRemovalInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consumer outbox passes send at most this many messages each (MassTransit's default is 1).</summary>
    [Range(1, 10000)]
    public int MessageDeliveryLimit { get; set; } = 100;

    /// <summary>Exponential back-off, capped: 1 s, 2 s, 4 s … <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));
}
