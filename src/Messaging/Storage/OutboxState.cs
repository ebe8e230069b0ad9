namespace Commerce.Messaging.Storage;

/// <summary>
/// One row per committed bus-outbox transaction (the Api's). Messages of one outbox are delivered
/// in sequence order; a failing delivery pushes <see cref="NextAttemptAt"/> back.
/// </summary>
public class OutboxState
{
    public Guid OutboxId { get; set; }

    public DateTime Created { get; set; }

    public long? LastSequenceNumber { get; set; }

    public int DeliveryAttempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
