namespace Commerce.Messaging.Storage;

/// <summary>
/// A message waiting in an outbox: produced either by a consumer (keyed by the inbox message and
/// consumer) or by the Api's bus outbox (keyed by <see cref="OutboxId"/>).
/// </summary>
public class OutboxMessage : StoredMessage
{
    public long SequenceNumber { get; set; }

    public Guid? InboxMessageId { get; set; }

    public Guid? InboxConsumerId { get; set; }

    public Guid? OutboxId { get; set; }
}
