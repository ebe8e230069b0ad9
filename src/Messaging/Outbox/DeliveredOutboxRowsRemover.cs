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
/// Deletes outbox rows whose messages have reached the broker, many per statement: what is queued
/// within <see cref="PostgresMessagingOptions.DeliveredRowsRemovalInterval"/> shares one statement.
/// Nobody waits for it.
/// <list type="bullet">
/// <item>A consumer step queues its rows once the broker confirmed them and acknowledges its
/// message (<see cref="RemoveConsumed"/>). Should the process die before the delete, the rows are
/// left behind with nothing to redeliver them; <see cref="StrandedOutboxRowsSender{TDbContext}"/>
/// sends them again once they are older than a send may take, and the receivers' inboxes drop the
/// copies.</item>
/// <item>A bus outbox (an Api request's) sent from memory is queued the same way
/// (<see cref="EnqueueOutbox"/>): should its delete be lost, the delivery service sends it again
/// once due.</item>
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

    /// <summary>
    /// Queues the delete of the rows one (message, consumer) stored, all sent. Once the host is
    /// stopping and the queue closed, it deletes them itself before it returns.
    /// </summary>
    public Task RemoveConsumed(Guid messageId, Guid consumerId)
    {
        var rows = new SentRows(messageId, consumerId, null);
        return _delivered.Writer.TryWrite(rows) ? Task.CompletedTask : RemoveNowAsync([rows]);
    }

    /// <summary>Queues the removal of a bus outbox (its state row and, by cascade, its messages); all were sent.</summary>
    public void EnqueueOutbox(Guid outboxId) => _delivered.Writer.TryWrite(new SentRows(Guid.Empty, Guid.Empty, outboxId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<SentRows>();
        try
        {
            while (await _delivered.Reader.WaitToReadAsync(stoppingToken))
            {
                var interval = options.Value.DeliveredRowsRemovalInterval;
                if (interval > TimeSpan.Zero)
                {
                    await Task.Delay(interval, clock, stoppingToken);
                }

                await RemovePendingAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: what is queued gets one last statement below.
        }

        // From here on a step deletes its own rows (RemoveConsumed); what was queued before goes now.
        _delivered.Writer.TryComplete();
        await RemovePendingAsync(pending, CancellationToken.None);
    }

    private async Task RemovePendingAsync(List<SentRows> pending, CancellationToken cancellationToken)
    {
        while (_delivered.Reader.TryRead(out var rows))
        {
            pending.Add(rows);
        }

        while (pending.Count > 0)
        {
            var batch = pending.Take(RowsPerStatement).ToList();
            try
            {
                await RemoveNowAsync(batch, cancellationToken);
                pending.RemoveRange(0, batch.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Kept for the next statement. Rows whose delete never happens are sent again by the
                // stranded-rows sender or the delivery service, and dropped by the receivers' inboxes.
                LogFailed(e, batch.Count);
                return;
            }
        }
    }

    private async Task RemoveNowAsync(IReadOnlyList<SentRows> batch, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
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
    }

    private static string InboxRowsSql(DbContext db) => PerModel<InboxRowsStatement>.Get(db, d =>
    {
        var o = new StoreNames<OutboxMessage>(d);
        return new InboxRowsStatement(
            $"DELETE FROM {o.Table} AS m USING unnest({{0}}, {{1}}) AS d(message_id, consumer_id) " +
            $"WHERE m.{o.Column(m => m.InboxMessageId)} = d.message_id AND m.{o.Column(m => m.InboxConsumerId)} = d.consumer_id");
    }).Text;

    /// <summary>The delete of consumed steps' rows in one model (<see cref="PerModel{TValue}"/>).</summary>
    private sealed record InboxRowsStatement(string Text);

    [LoggerMessage(LogLevel.Warning, "Could not remove {Count} sets of sent outbox rows")]
    private partial void LogFailed(Exception e, int count);

    /// <summary>The rows of one consumed (message, consumer), or of one bus outbox when <see cref="OutboxId"/> is set.</summary>
    private sealed record SentRows(Guid MessageId, Guid ConsumerId, Guid? OutboxId);
}
