using Commerce.Messaging.Configuration;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Storage;

/// <summary>
/// Sends a stored row to the broker as the original send would have (MassTransit's
/// <see cref="OutboxMessageSendPipe"/>), and returns once RabbitMQ has confirmed it.
/// </summary>
public sealed class StoredMessageSender(IBus bus, IOptions<PostgresMessagingOptions> options)
{
    public async Task SendAsync(StoredMessage row, long sequenceNumber, IReadOnlyDictionary<string, object>? extraHeaders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var destination = row.DestinationAddress ?? throw new InvalidOperationException($"Stored message {row.MessageId} has no destination");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.SendTimeout);
        var endpoint = await bus.GetSendEndpoint(destination);
        var pipe = new OutboxMessageSendPipe(new StoredMessageContext(row, sequenceNumber, extraHeaders), destination);
        await endpoint.Send(new SerializedMessageBody(), pipe, timeout.Token);
    }
}
