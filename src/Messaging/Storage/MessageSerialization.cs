using MassTransit;
using MassTransit.Serialization;
using MassTransit.Context;

namespace Commerce.Messaging.Storage;

/// <summary>
/// The one place that turns a MassTransit send into a stored row and back: the same serializer
/// for headers and properties whether the row comes from a consumer, the Api or the scheduler.
/// </summary>
internal static class MessageSerialization
{
    private static IObjectDeserializer Serializer => SystemTextJsonMessageSerializer.Instance;

    /// <summary>Copies what a <see cref="SendContext{T}"/> would have put on the wire into <paramref name="row"/>.</summary>
    public static TRow Capture<TRow, T>(SendContext<T> context, TRow row, DateTime now)
        where TRow : StoredMessage
        where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "A stored message needs a MessageId");
        row.MessageId = messageId;
        row.ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString();
        row.MessageType = string.Join(';', context.SupportedMessageTypes);
        row.Body = context.Serializer.GetMessageBody(context).GetString();
        row.ConversationId = context.ConversationId;
        row.CorrelationId = context.CorrelationId;
        row.InitiatorId = context.InitiatorId;
        row.RequestId = context.RequestId;
        row.SourceAddress = context.SourceAddress;
        row.DestinationAddress = context.DestinationAddress;
        row.ResponseAddress = context.ResponseAddress;
        row.FaultAddress = context.FaultAddress;
        row.SentTime = context.SentTime ?? now;
        row.ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null;
        row.Headers = Serializer.SerializeDictionary(context.Headers.GetAll());
        if (context is TransportSendContext<T> transport)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(properties);
            row.Properties = Serializer.SerializeDictionary(properties);
        }

        return row;
    }

    public static Dictionary<string, object> ReadDictionary(string? json) =>
        string.IsNullOrEmpty(json)
            ? new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, object>(Serializer.DeserializeDictionary<object>(json) ?? [], StringComparer.OrdinalIgnoreCase);
}
