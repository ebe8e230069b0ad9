using System.Text;
using System.Text.Json;
using Commerce.LocalSystem;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Workers.Tests.Checkout;

/// <summary>
/// Whatever anyone with the broker's credentials could put on a queue, written by hand (no
/// MassTransit on this side): a MassTransit envelope of any message type and content, sent straight
/// to a queue; and the queue's <c>_error</c> read back.
/// </summary>
internal sealed class RawBrokerMessages : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private RawBrokerMessages(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<RawBrokerMessages> ConnectAsync(string virtualHost)
    {
        var services = LocalServices.Current;
        var connection = await new ConnectionFactory
        {
            HostName = services.RabbitMqHost,
            Port = services.RabbitMqPort,
            VirtualHost = virtualHost,
            UserName = services.RabbitMqUsername,
            Password = services.RabbitMqPassword,
        }.CreateConnectionAsync();
        return new RawBrokerMessages(connection, await connection.CreateChannelAsync());
    }

    /// <summary>Sends <paramref name="message"/> as a MassTransit envelope of <paramref name="messageType"/> (a <c>urn:message:</c>) to <paramref name="queue"/>; returns its message id.</summary>
    public async Task<Guid> SendAsync(string queue, string messageType, object message)
    {
        var messageId = Guid.NewGuid();
        var envelope = new Dictionary<string, object>
        {
            ["messageId"] = messageId,
            ["messageType"] = new[] { messageType },
            ["message"] = message,
            ["sentTime"] = DateTime.UtcNow,
        };
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true };
        await _channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body);
        return messageId;
    }

    /// <summary>Publishes an empty message with a new id to <paramref name="exchange"/>, for a test of where its bindings lead; returns the id.</summary>
    public async Task<Guid> PublishAsync(string exchange)
    {
        var messageId = Guid.NewGuid();
        await _channel.BasicPublishAsync(exchange, string.Empty, mandatory: false, new BasicProperties { MessageId = messageId.ToString() }, ReadOnlyMemory<byte>.Empty);
        return messageId;
    }

    /// <summary>
    /// Takes one message off <paramref name="queue"/> if there is one: its id and the exception type
    /// MassTransit recorded when it faulted it. A queue not declared yet (MassTransit declares an
    /// <c>_error</c> queue at its first fault) has none.
    /// </summary>
    public async Task<(Guid MessageId, string? ExceptionType)?> TakeAsync(string queue)
    {
        // A channel of its own: the broker closes the channel that asks for a missing queue.
        await using var channel = await _connection.CreateChannelAsync();
        BasicGetResult? got;
        try
        {
            got = await channel.BasicGetAsync(queue, autoAck: true);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }

        if (got is null)
        {
            return null;
        }

        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        var exception = headers.TryGetValue("MT-Fault-ExceptionType", out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
        return (Guid.Parse(got.BasicProperties.MessageId!), exception);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
