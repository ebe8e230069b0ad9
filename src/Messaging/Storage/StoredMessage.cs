namespace Commerce.Messaging.Storage;

/// <summary>
/// A serialized message as MassTransit would put it on the wire, kept in a table until it is sent.
/// Shared by outbox rows and scheduled rows (not an entity itself: each subclass has its own table).
/// </summary>
public abstract class StoredMessage
{
    public Guid MessageId { get; set; }

    public string ContentType { get; set; } = string.Empty;

    /// <summary>The message's type URNs, <c>;</c>-separated.</summary>
    public string MessageType { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>Headers as JSON (MassTransit's own serializer).</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties (persistence, priority, …) as JSON.</summary>
    public string? Properties { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }

    public Uri? DestinationAddress { get; set; }

    public Uri? ResponseAddress { get; set; }

    public Uri? FaultAddress { get; set; }

    public DateTime SentTime { get; set; }

    public DateTime? ExpirationTime { get; set; }
}
