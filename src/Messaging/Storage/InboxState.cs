namespace Commerce.Messaging.Storage;

/// <summary>
/// One row per (message, consumer): whether the consumer already ran for that message and how far
/// the messages it produced have been delivered. The row lock serialises redeliveries.
/// </summary>
public class InboxState
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public Guid ConsumerId { get; set; }

    public Guid LockId { get; set; }

    public int ReceiveCount { get; set; }

    public DateTime Received { get; set; }

    public DateTime? Consumed { get; set; }

    public DateTime? Delivered { get; set; }

    public long? LastSequenceNumber { get; set; }

    /// <summary>
    /// This row, consumed before it was claimed, given the identity its claim stored (id, lock, receive
    /// count); what the consume decided (consumed, delivered) stays.
    /// </summary>
    public InboxState TakeStoredIdentity(InboxState stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Id = stored.Id;
        LockId = stored.LockId;
        Received = stored.Received;
        ReceiveCount = stored.ReceiveCount;
        return this;
    }
}
