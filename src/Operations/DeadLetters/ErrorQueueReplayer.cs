using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Commerce.Messaging.Configuration;
using Commerce.Operations.Management;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Operations.DeadLetters;

/// <summary>
/// Sees, retries and discards the messages MassTransit moved to <c>&lt;queue&gt;_error</c>, without
/// losing one (docs/adr/0013): each move is published with <c>mandatory</c> on a channel with
/// publisher confirmations, and the original is acknowledged only after the broker confirmed the
/// copy. A crash between the two leaves a duplicate, never a gap; the MessageId is kept, so the
/// consumer's inbox drops the duplicate.
/// </summary>
public sealed class ErrorQueueReplayer : IDisposable
{
    public const string ErrorSuffix = "_error";
    public const string ArchiveSuffix = "_archive";
    public const string ReplayCountHeader = "X-Replay-Count";
    public const string ReplayedAtHeader = "X-Replayed-At";

    /// <summary>How long discarded messages stay in the archive queue unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(14);

    private const int MaxBatch = 100;

    private readonly RabbitMqOptions _options;
    private readonly RabbitMqManagementClient _management;
    private readonly string _username;
    private readonly string _password;

    public ErrorQueueReplayer(RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The operations user both reads the management API and moves messages over AMQP: the hosts' user has no management tag.
        _username = options.ManagementUsername is { Length: > 0 } username ? username : throw new ArgumentException("RabbitMq:ManagementUsername is required", nameof(options));
        _password = options.ManagementPassword ?? throw new ArgumentException("RabbitMq:ManagementPassword is required", nameof(options));
        _options = options;
        _management = new RabbitMqManagementClient(new Uri(options.ManagementUrl), _username, _password);
    }

    /// <summary>Every <c>_error</c> queue of the virtual host with its message count.</summary>
    public async Task<IReadOnlyList<ErrorQueueSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var queues = await _management.GetQueuesAsync(_options.VirtualHost, cancellationToken);
        return queues
            .Where(q => q.Name.EndsWith(ErrorSuffix, StringComparison.Ordinal))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .Select(q => new ErrorQueueSummary(q.Name, q.Messages))
            .ToList();
    }

    /// <summary>
    /// The first <paramref name="limit"/> messages of an <c>_error</c> queue with their fault
    /// details. Read through the management API with <c>ack_requeue_true</c>: they stay in the
    /// queue, in their place. Each body is cut to <see cref="DeadLetterMessage.MaxBodyBytes"/> by the broker.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetterMessage>> PeekAsync(string errorQueue, int limit, CancellationToken cancellationToken)
    {
        EnsureErrorQueue(errorQueue);
        var messages = await _management.PeekAsync(_options.VirtualHost, errorQueue, Math.Clamp(limit, 1, 1000), DeadLetterMessage.MaxBodyBytes, cancellationToken);
        return messages.Select(ToDeadLetter).ToList();
    }

    /// <summary>Moves the selected messages back to the queue they failed on (<see cref="ResolveTargetQueue"/>).</summary>
    public Task<DeadLetterResult> RetryAsync(string errorQueue, DeadLetterSelection selection, DeadLetterRunOptions? run, CancellationToken cancellationToken) =>
        MoveAsync(errorQueue, selection, run, archive: null, cancellationToken);

    /// <summary>
    /// Moves the selected messages to <c>&lt;errorQueue&gt;_archive</c>, a durable queue whose
    /// messages expire after <paramref name="retention"/> (default 14 days): nothing is deleted on the spot.
    /// </summary>
    public Task<DeadLetterResult> DiscardAsync(string errorQueue, DeadLetterSelection selection, DeadLetterRunOptions? run, TimeSpan? retention, CancellationToken cancellationToken) =>
        MoveAsync(errorQueue, selection, run, archive: retention ?? DefaultRetention, cancellationToken);

    /// <summary>Retries up to <paramref name="max"/> messages, oldest first; the count moved.</summary>
    public async Task<int> ReplayAsync(string errorQueue, int max, CancellationToken cancellationToken) =>
        (await RetryAsync(errorQueue, new DeadLetterSelection(Max: max), null, cancellationToken)).Moved;

    public static string ArchiveQueueFor(string errorQueue) => errorQueue + ArchiveSuffix;

    /// <summary>Throws <see cref="InvalidDeadLetterRequestException"/> unless the name is an <c>_error</c> queue's.</summary>
    public static void EnsureErrorQueue(string errorQueue)
    {
        if (string.IsNullOrWhiteSpace(errorQueue)
            || !errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal)
            || errorQueue.Length == ErrorSuffix.Length
            || errorQueue.Length > 200
            || errorQueue.Any(char.IsControl))
        {
            throw new InvalidDeadLetterRequestException($"'{errorQueue}' is not an _error queue");
        }
    }

    /// <summary>The queue a dead letter came from: the last segment of <c>MT-Fault-InputAddress</c>, else the error queue's name minus <c>_error</c>.</summary>
    public static string ResolveTargetQueue(IReadOnlyBasicProperties properties, string errorQueue)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(errorQueue);
        var input = HeaderString(properties.Headers, "MT-Fault-InputAddress");
        if (input is not null && Uri.TryCreate(input, UriKind.Absolute, out var address))
        {
            var name = Uri.UnescapeDataString(address.AbsolutePath.TrimEnd('/').Split('/')[^1]);
            if (name.Length > 0)
            {
                return name;
            }
        }

        return errorQueue[..^ErrorSuffix.Length];
    }

    /// <summary>
    /// The headers without what the fault added (<c>MT-Reason</c>, <c>MT-Fault-*</c>,
    /// <c>MT-Host-*</c>) and without <c>MT-Redelivery-Count</c> (a replayed message gets the whole
    /// retry policy again), with <see cref="ReplayCountHeader"/> incremented.
    /// </summary>
    public static Dictionary<string, object?> CleanHeaders(IDictionary<string, object?>? headers, DateTimeOffset now)
    {
        var clean = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in headers ?? new Dictionary<string, object?>())
        {
            if (key is "MT-Reason" or "MT-Redelivery-Count"
                || key.StartsWith("MT-Fault-", StringComparison.Ordinal)
                || key.StartsWith("MT-Host-", StringComparison.Ordinal))
            {
                continue;
            }

            clean[key] = value;
        }

        clean[ReplayCountHeader] = ReplayCount(headers) + 1;
        clean[ReplayedAtHeader] = now.ToString("O", CultureInfo.InvariantCulture);
        return clean;
    }

    public void Dispose() => _management.Dispose();

    private async Task<DeadLetterResult> MoveAsync(string errorQueue, DeadLetterSelection selection, DeadLetterRunOptions? run, TimeSpan? archive, CancellationToken cancellationToken)
    {
        EnsureErrorQueue(errorQueue);
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Max is <= 0)
        {
            throw new InvalidDeadLetterRequestException("max must be at least 1");
        }

        if (run?.RatePerSecond is <= 0)
        {
            throw new InvalidDeadLetterRequestException("rate must be above 0");
        }

        var factory = new ConnectionFactory
        {
            HostName = _options.Host,
            Port = _options.Port,
            VirtualHost = _options.VirtualHost,
            UserName = _username,
            Password = _password,
            ClientProvidedName = "commerce-dead-letters",
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        var archiveQueue = archive is { } retention ? await DeclareArchiveAsync(connection, errorQueue, retention, cancellationToken) : null;

        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        // Throws (404) when the queue does not exist; the count bounds the pass to what was there at the start.
        var initial = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;

        var moved = new List<string>();
        var batch = new List<PendingMove>();
        var batchSize = BatchSize(run?.RatePerSecond);
        ulong? lastHeld = null;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var seen = 0u; seen < initial; seen++)
            {
                var taken = moved.Count + batch.Count;
                if ((selection.Max is { } max && taken >= max) || (selection.MessageIds is { Count: > 0 } ids && taken >= ids.Count))
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var message = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                var properties = message.BasicProperties;
                if (!selection.Matches(properties.MessageId, HeaderString(properties.Headers, "MT-Fault-ExceptionType")))
                {
                    // Held unacknowledged until the end of the pass, then put back where it was.
                    lastHeld = message.DeliveryTag;
                    continue;
                }

                if (run?.RatePerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds(taken / rate) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken);
                    }
                }

                var copy = new BasicProperties(properties)
                {
                    Persistent = true,
                    Expiration = null,
                    Headers = archiveQueue is null ? CleanHeaders(properties.Headers, DateTimeOffset.UtcNow) : properties.Headers,
                };
                var target = archiveQueue ?? ResolveTargetQueue(properties, errorQueue);
                // The default exchange routes straight to the queue; mandatory makes a missing queue an error, not a drop.
                // The task completes with the broker's confirm (or throws on a nack or a return); a batch's confirms are awaited together.
                var confirm = channel.BasicPublishAsync(string.Empty, target, mandatory: true, copy, message.Body.ToArray(), CancellationToken.None).AsTask();
                batch.Add(new PendingMove(message.DeliveryTag, properties.MessageId ?? string.Empty, confirm));
                if (batch.Count >= batchSize)
                {
                    await CompleteBatchAsync(channel, batch, moved, run, errorQueue);
                }
            }

            await CompleteBatchAsync(channel, batch, moved, run, errorQueue);
        }
        catch (OperationCanceledException) when (batch.Count > 0 && channel.IsOpen)
        {
            // Stopped: what is already published is finished (confirmed, recorded, acknowledged), the rest stays.
            await CompleteBatchAsync(channel, batch, moved, run, errorQueue);
            throw;
        }
        finally
        {
            // Messages held or not yet acknowledged go back to their place in the _error queue.
            if (channel.IsOpen && lastHeld is { } tag)
            {
                await channel.BasicNackAsync(tag, multiple: true, requeue: true, CancellationToken.None);
            }
        }

        // Counted on a new channel once this one is closed: the broker applies the requeue first.
        await channel.CloseAsync(CancellationToken.None);
        await using var counter = await connection.CreateChannelAsync(cancellationToken: CancellationToken.None);
        var remaining = (await counter.QueueDeclarePassiveAsync(errorQueue, CancellationToken.None)).MessageCount;
        return new DeadLetterResult(moved.Count, remaining, moved);
    }

    /// <summary>
    /// Ends a batch in the order that keeps the audit ahead of the queue: every copy confirmed,
    /// then the ids recorded (<see cref="DeadLetterRunOptions.Recording"/>), then the originals
    /// acknowledged. A process killed at any point leaves every acknowledged id recorded; one
    /// killed after the record and before the ack leaves its batch in <c>_error</c> as well, to be
    /// moved again (same message id, so the consumer's inbox absorbs the second copy).
    /// </summary>
    private static async Task CompleteBatchAsync(IChannel channel, List<PendingMove> batch, List<string> moved, DeadLetterRunOptions? run, string errorQueue)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var confirmed = new List<PendingMove>(batch.Count);
        PublishException? refused = null;
        foreach (var pending in batch)
        {
            try
            {
                await pending.Confirm;
                confirmed.Add(pending);
            }
            catch (PublishException e)
            {
                refused ??= e;
            }
        }

        batch.Clear();
        if (confirmed.Count > 0)
        {
            var ids = confirmed.Select(p => p.MessageId).ToList();
            if (run?.Recording is { } record)
            {
                await record(ids, CancellationToken.None);
            }

            foreach (var pending in confirmed)
            {
                await channel.BasicAckAsync(pending.DeliveryTag, multiple: false, CancellationToken.None);
                moved.Add(pending.MessageId);
                run?.Moved?.Invoke(pending.MessageId);
            }
        }

        if (refused is not null)
        {
            throw new InvalidOperationException(
                $"the broker refused a message (returned: {refused.IsReturn}); {moved.Count} moved, the rest stay in {errorQueue}", refused);
        }
    }

    /// <summary>How many moves share one audit write: at most 100, and about five batches a second under a rate.</summary>
    private static int BatchSize(double? ratePerSecond) =>
        ratePerSecond is { } rate ? (int)Math.Clamp(Math.Ceiling(rate / 5), 1, MaxBatch) : MaxBatch;

    private static async Task<string> DeclareArchiveAsync(IConnection connection, string errorQueue, TimeSpan retention, CancellationToken cancellationToken)
    {
        var archive = ArchiveQueueFor(errorQueue);
        // A channel of its own: a declare that disagrees with an existing queue closes the channel.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclareAsync(
                archive,
                durable: true,
                exclusive: false,
                autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-message-ttl"] = (long)retention.TotalMilliseconds },
                cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            // It exists with another retention: keep it, it is still an archive.
        }

        return archive;
    }

    private static DeadLetterMessage ToDeadLetter(PeekedMessage message)
    {
        var headers = message.Properties.Headers ?? [];
        var body = string.Equals(message.PayloadEncoding, "base64", StringComparison.Ordinal)
            ? TryDecode(message.Payload)
            : message.Payload;
        return new DeadLetterMessage(
            message.Properties.MessageId,
            JsonHeader(headers, "MT-Fault-MessageType") ?? MessageTypeFromBody(body),
            JsonHeader(headers, "MT-Fault-ExceptionType"),
            JsonHeader(headers, "MT-Fault-Message"),
            JsonHeader(headers, "MT-Fault-ConsumerType"),
            DateTimeOffset.TryParse(JsonHeader(headers, "MT-Fault-Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            int.TryParse(JsonHeader(headers, "MT-Fault-RetryCount"), CultureInfo.InvariantCulture, out var retries) ? retries : 0,
            int.TryParse(JsonHeader(headers, ReplayCountHeader), CultureInfo.InvariantCulture, out var replays) ? replays : 0,
            body,
            message.PayloadBytes,
            message.PayloadBytes > DeadLetterMessage.MaxBodyBytes);
    }

    private static string TryDecode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }

    private static string? JsonHeader(Dictionary<string, JsonElement> headers, string name) =>
        headers.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;

    /// <summary>MassTransit's JSON envelope names the message types in <c>messageType</c>: <c>urn:message:Namespace:Type</c>.</summary>
    private static string? MessageTypeFromBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? HeaderString(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch
            {
                null => null,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            }
            : null;

    private static int ReplayCount(IDictionary<string, object?>? headers) =>
        int.TryParse(HeaderString(headers, ReplayCountHeader), CultureInfo.InvariantCulture, out var count) ? count : 0;

    /// <summary>A copy published and not yet confirmed, with the original's delivery tag.</summary>
    private sealed record PendingMove(ulong DeliveryTag, string MessageId, Task Confirm);
}
