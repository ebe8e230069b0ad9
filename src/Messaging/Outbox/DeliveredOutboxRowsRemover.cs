using System.Threading.Channels;
using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Deletes outbox rows whose messages have reached the broker, many per statement.
/// <list type="bullet">
/// <item>A consumer step's rows matter, once sent, only to a redelivery of its message, which would
/// send them again (receivers' inboxes drop the copies); so the step acknowledges its message without
/// waiting for the delete, and rows whose delete is lost with its process go with their inbox row at
/// cleanup (cascade). Rows a process left unsent are never here: their message was not acknowledged,
/// and its redelivery sends them.</item>
/// <item>A bus outbox (an Api request's) sent from memory: should its delete be lost, the delivery
/// service sends it again once due, and the receivers' inboxes drop the copies.</item>
/// </list>
/// </summary>
public sealed partial class DeliveredOutboxRowsRemover<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock,
    ILogger<DeliveredOutboxRowsRemover<TDbContext>> log) : BackgroundService
    where TDbContext : DbContext
{
    private const int RowsPerStatement = 1000;
    private readonly Channel<SentRows> _delivered = Channel.CreateUnbounded<SentRows>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the removal of the rows one (message, consumer) stored; they were all sent.</summary>
    public void Enqueue(Guid messageId, Guid consumerId) => _delivered.Writer.TryWrite(new SentRows(messageId, consumerId, null));

    /// <summary>Queues the removal of a bus outbox (its state row and, by cascade, its messages); all were sent.</summary>
    public void EnqueueOutbox(Guid outboxId) => _delivered.Writer.TryWrite(new SentRows(Guid.Empty, Guid.Empty, outboxId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<SentRows>();
        try
        {
            while (await _delivered.Reader.WaitToReadAsync(stoppingToken))
            {
                // The wait lets one statement carry the rows of every step that finished meanwhile.
                await Task.Delay(options.Value.DeliveredRowsRemovalInterval, clock, stoppingToken);
                await RemovePendingAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: what is queued gets one last statement below.
        }

        await RemovePendingAsync(pending, CancellationToken.None);
    }

    private async Task RemovePendingAsync(List<SentRows> pending, CancellationToken cancellationToken)
    {
        while (_delivered.Reader.TryRead(out var rows))
        {
            pending.Add(rows);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            while (pending.Count > 0)
            {
                var batch = pending.Take(RowsPerStatement).ToArray();
                var inboxes = batch.Where(r => r.OutboxId is null).ToArray();
                var outboxes = batch.Where(r => r.OutboxId is not null).Select(r => r.OutboxId!.Value).ToArray();
                if (inboxes.Length > 0)
                {
                    await db.Database.ExecuteSqlRawAsync(
                        InboxRowsSql(db),
                        [inboxes.Select(k => k.MessageId).ToArray(), inboxes.Select(k => k.ConsumerId).ToArray()],
                        cancellationToken);
                }

                if (outboxes.Length > 0)
                {
                    await db.Set<OutboxState>().Where(o => outboxes.Contains(o.OutboxId)).ExecuteDeleteAsync(cancellationToken);
                }

                pending.RemoveRange(0, batch.Length);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept for the next pass; should the process end first, cleanup or the delivery service deals with them.
            LogFailed(e, pending.Count);
        }
    }

    private static string InboxRowsSql(DbContext db)
    {
        var o = new StoreNames<OutboxMessage>(db);
        return $"DELETE FROM {o.Table} AS m USING unnest({{0}}, {{1}}) AS d(message_id, consumer_id) " +
            $"WHERE m.{o.Column(m => m.InboxMessageId)} = d.message_id AND m.{o.Column(m => m.InboxConsumerId)} = d.consumer_id";
    }

    [LoggerMessage(LogLevel.Warning, "Could not remove {Count} sets of sent outbox rows; retrying with the next batch")]
    private partial void LogFailed(Exception e, int count);

    /// <summary>The rows of one consumed (message, consumer), or of one bus outbox when <see cref="OutboxId"/> is set.</summary>
    private readonly record struct SentRows(Guid MessageId, Guid ConsumerId, Guid? OutboxId);
}
