using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Commerce.Messaging.Storage;

/// <summary>
/// Presents a stored row to MassTransit's <see cref="OutboxMessageSendPipe"/>, which rebuilds the
/// original send (ids, addresses, headers, transport properties) from it.
/// </summary>
internal sealed class StoredMessageContext : OutboxMessageContext
{
    private readonly StoredMessage _row;

    public StoredMessageContext(StoredMessage row, long sequenceNumber, IReadOnlyDictionary<string, object>? extraHeaders = null)
    {
        _row = row;
        SequenceNumber = sequenceNumber;
        var headers = MessageSerialization.ReadDictionary(row.Headers);
        foreach (var (key, value) in extraHeaders ?? new Dictionary<string, object>())
        {
            headers[key] = value;
        }

        Headers = new DictionarySendHeaders(headers!);
        Properties = MessageSerialization.ReadDictionary(row.Properties);
    }

    public long SequenceNumber { get; }

    public Guid MessageId => _row.MessageId;

    public string ContentType => _row.ContentType;

    public string MessageType => _row.MessageType;

    public string Body => _row.Body;

    public IReadOnlyDictionary<string, object> Properties { get; }

    Guid? MessageContext.MessageId => _row.MessageId;

    public Guid? RequestId => _row.RequestId;

    public Guid? CorrelationId => _row.CorrelationId;

    public Guid? ConversationId => _row.ConversationId;

    public Guid? InitiatorId => _row.InitiatorId;

    public DateTime? ExpirationTime => _row.ExpirationTime;

    public Uri? SourceAddress => _row.SourceAddress;

    public Uri? DestinationAddress => _row.DestinationAddress;

    public Uri? ResponseAddress => _row.ResponseAddress;

    public Uri? FaultAddress => _row.FaultAddress;

    public DateTime? SentTime => _row.SentTime;

    public Headers Headers { get; }

    public HostInfo Host => HostMetadataCache.Host;
}
