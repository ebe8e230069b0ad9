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
/// <item>A consumer step waits for the delete of its rows before its message is acknowledged
/// (<see cref="RemoveAsync"/>), as with a delete of its own: a process that dies before has not
/// acknowledged, and the redelivery sends the rows from the table. The steps that finish while one
/// statement runs share the next one, so under load a delete serves many steps.</item>
/// <item>A bus outbox (an Api request's) sent from memory is queued without waiting
/// (<see cref="EnqueueOutbox"/>): should its delete be lost, the delivery service sends it again
/// once due, and the receivers' inboxes drop the copies.</item>
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

    /// <summary>Deletes the rows one (message, consumer) stored, all sent; completes once they are gone.</summary>
    public Task RemoveAsync(Guid messageId, Guid consumerId)
    {
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _delivered.Writer.TryWrite(new SentRows(messageId, consumerId, null, removed))
            ? removed.Task
            : RemoveNowAsync([new SentRows(messageId, consumerId, null, null)]);
    }

    /// <summary>Queues the removal of a bus outbox (its state row and, by cascade, its messages); all were sent.</summary>
    public void EnqueueOutbox(Guid outboxId) => _delivered.Writer.TryWrite(new SentRows(Guid.Empty, Guid.Empty, outboxId, null));

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

        // From here on a step deletes its own rows (RemoveAsync); what was queued before goes now.
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
            pending.RemoveRange(0, batch.Count);
            try
            {
                await RemoveNowAsync(batch, cancellationToken);
                batch.ForEach(r => r.Removed?.TrySetResult());
            }
            catch (Exception e)
            {
                // A waiting step fails and its message is redelivered (its rows are sent again, then
                // deleted); a bus outbox is kept for the next pass, or left to the delivery service.
                LogFailed(e, batch.Count);
                batch.ForEach(r => r.Removed?.TrySetException(e));
                pending.AddRange(batch.Where(r => r.Removed is null));
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

    /// <summary>
    /// The rows of one consumed (message, consumer), or of one bus outbox when <see cref="OutboxId"/>
    /// is set; <see cref="Removed"/> completes for a step that waits.
    /// </summary>
    private sealed record SentRows(Guid MessageId, Guid ConsumerId, Guid? OutboxId, TaskCompletionSource? Removed);
}
