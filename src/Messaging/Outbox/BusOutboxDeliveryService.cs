using System.Data;
using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Sends what the Api committed to its bus outbox. Any number of processes may run it: each pass
/// claims outbox transactions with <c>FOR UPDATE SKIP LOCKED</c>, sends their messages in order,
/// and deletes them in the same transaction. It wakes at once when this process commits one
/// (<see cref="BusOutboxSignal"/>), and polls for the others. A transaction that cannot be sent is pushed back, not retried in a loop.
/// </summary>
public sealed partial class BusOutboxDeliveryService<TDbContext>(
    IServiceScopeFactory scopes,
    IBusOutboxNotification notification,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock,
    MessagingMetrics metrics,
    ILogger<BusOutboxDeliveryService<TDbContext>> log) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DeliverPendingAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e);
            }

            // A pass with room left took everything committed before it; what was committed during it
            // has signalled, so the wait returns at once for that.
            if (sent < options.Value.BatchSize)
            {
                await notification.WaitForDelivery(stoppingToken);
            }
        }
    }

    /// <summary>One pass: returns how many messages it sent.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<StoredMessageSender>();
        var names = new StoreNames<OutboxState>(db);
        var claim = $"SELECT * FROM {names.Table} WHERE {names.Column(s => s.NextAttemptAt)} IS NULL OR {names.Column(s => s.NextAttemptAt)} <= {{0}} " +
            $"ORDER BY {names.Column(s => s.Created)} LIMIT {{1}} FOR UPDATE SKIP LOCKED";

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var outboxes = await db.Set<OutboxState>().FromSqlRaw(claim, now, options.Value.BatchSize).AsTracking().ToListAsync(cancellationToken);
        if (outboxes.Count == 0)
        {
            return 0;
        }

        var ids = outboxes.Select(o => o.OutboxId).ToList();
        var pending = (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.OutboxId != null && ids.Contains(m.OutboxId.Value))
                .OrderBy(m => m.SequenceNumber)
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.OutboxId!.Value);

        // Outboxes are independent, so they go out concurrently: a pass costs about one publisher-confirm
        // round trip instead of one per outbox. Within an outbox the messages keep their order.
        var results = await Task.WhenAll(outboxes.Select(o => SendOutboxAsync(sender, o, pending[o.OutboxId], now, cancellationToken)));
        foreach (var (outbox, result) in outboxes.Zip(results))
        {
            outbox.LastSequenceNumber = result.LastSent ?? outbox.LastSequenceNumber;
            if (result.Error is null)
            {
                // Its messages go with it (ON DELETE CASCADE): delivered rows are not kept.
                db.Remove(outbox);
                continue;
            }

            outbox.DeliveryAttempts++;
            outbox.NextAttemptAt = now + options.Value.RetryDelay(outbox.DeliveryAttempts);
            outbox.LastError = result.Error.Message.Length > 2000 ? result.Error.Message[..2000] : result.Error.Message;
            metrics.RecordDeliveryFailure();
            LogDeliveryFailed(outbox.OutboxId, outbox.DeliveryAttempts, outbox.NextAttemptAt, result.Error);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results.Sum(r => r.Sent);
    }

    /// <summary>Sends one outbox's messages in order; stops at the first failure and says how far it got.</summary>
    private async Task<OutboxSendResult> SendOutboxAsync(StoredMessageSender sender, OutboxState outbox, IEnumerable<OutboxMessage> messages, DateTime now, CancellationToken cancellationToken)
    {
        var last = outbox.LastSequenceNumber ?? 0;
        long? lastSent = null;
        var sent = 0;
        try
        {
            foreach (var message in messages.Where(m => m.SequenceNumber > last))
            {
                await sender.SendAsync(message, message.SequenceNumber, null, cancellationToken);
                lastSent = message.SequenceNumber;
                sent++;
                metrics.RecordDelivered(now - message.SentTime);
            }

            return new OutboxSendResult(sent, lastSent, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboxSendResult(sent, lastSent, e);
        }
    }

    private sealed record OutboxSendResult(int Sent, long? LastSent, Exception? Error);

    [LoggerMessage(LogLevel.Error, "Bus outbox delivery pass failed")]
    private partial void LogPassFailed(Exception e);

    [LoggerMessage(LogLevel.Warning, "Bus outbox {OutboxId} not sent (attempt {Attempts}); next try at {NextAttemptAt:o}")]
    private partial void LogDeliveryFailed(Guid outboxId, int attempts, DateTime? nextAttemptAt, Exception e);
}
