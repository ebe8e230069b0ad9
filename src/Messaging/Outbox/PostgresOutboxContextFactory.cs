using System.Data;
using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// MassTransit's consumer outbox on PostgreSQL. The consuming pass runs in one READ COMMITTED
/// transaction whose first statement inserts the (message, consumer) inbox row already marked
/// consumed, or finds and locks the existing one (a concurrent duplicate waits on that lock, a
/// redelivered one finds the row consumed); the consumer then runs and what it sends is stored with
/// its own writes (saga state included), so the commit makes the consume, its effects and its
/// messages durable together. After the commit the stored messages go to the broker from memory; once
/// the broker confirmed them the message is acknowledged and their rows' delete is queued, to share
/// a statement with the other steps' (<see cref="DeliveredOutboxRowsRemover{TDbContext}"/>). A
/// redelivery of a message whose sends were interrupted takes MassTransit's passes instead: send the
/// stored rows, then remove them.
/// </summary>
public sealed class PostgresOutboxContextFactory<TDbContext>(TDbContext db, IServiceProvider provider, TimeProvider clock) : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        var messageId = context.GetOriginalMessageId() ?? throw new MessageException(typeof(T), "The outbox needs a MessageId");
        // Every pass makes several SaveChanges calls in its transaction; EF would wrap each in a
        // SAVEPOINT/RELEASE pair (two round trips). A failed pass is rolled back whole, never resumed,
        // so those savepoints buy nothing (the bench counted 40 of them per order).
        db.Database.AutoSavepointsEnabled = false;
        var inboxClaim = InboxClaimSql.For(db);
        // Counted once, by the claim that is kept.
        var received = 1;
        var consumeAhead = !context.ReceiveContext.Redelivered && context.TryGetPayload<OutsideTransactionConsume>(out _);
        var continueProcessing = true;
        while (continueProcessing)
        {
            db.ChangeTracker.Clear();
            var ahead = consumeAhead ? await ConsumeAheadAsync(context, options, messageId, next) : null;
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
            var (inbox, claimed) = await inboxClaim.LockAsync(db, messageId, options.ConsumerId, clock.GetUtcNow().UtcDateTime, received, context.CancellationToken);
            if (ahead is not null)
            {
                consumeAhead = false;
                if (!claimed)
                {
                    // Another copy claimed the message first: drop what this one sent, and take the
                    // ordinary passes (deliver what the other stored, or find it all done).
                    await transaction.RollbackAsync(context.CancellationToken);
                    continue;
                }

                inbox = ahead.Inbox.TakeStoredIdentity(inbox);
            }

            received = 0;
            var sentBefore = inbox.LastSequenceNumber;

            PostgresOutboxConsumeContext<TDbContext, T> outboxContext;
            var outboxKnownEmpty = false;
            do
            {
                if (ahead is not null)
                {
                    outboxContext = ahead.Context;
                    ahead = null;
                }
                else
                {
                    outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, clock, outboxKnownEmpty, claimed);
                    await next.Send(outboxContext);
                }

                await db.SaveChangesAsync(context.CancellationToken);
                outboxKnownEmpty = outboxContext.OutboxKnownEmpty;
                if (inbox.LastSequenceNumber != sentBefore)
                {
                    // A redelivery pass sent stored rows but stopped at the delivery limit: the next
                    // pass starts after them.
                    await outboxContext.SaveInboxAsync();
                    sentBefore = inbox.LastSequenceNumber;
                }
            }
            // Only stored messages waiting to be sent need a commit before the next pass (they must not
            // reach the broker before the consumer's writes are durable). Once nothing is left to send,
            // the last pass (removing the rows) joins this transaction: one or two commits, not three.
            while (outboxContext.ContinueProcessing && outboxContext.IsOutboxDelivered);

            await transaction.CommitAsync(context.CancellationToken);
            continueProcessing = outboxContext.ContinueProcessing;
            var stored = outboxContext.StoredMessages;
            if (continueProcessing && stored.Count > 0)
            {
                await DeliverFromMemoryAsync(stored, inbox, context.CancellationToken);
                // The pass that finds the message consumed and delivered: MassTransit marks it consumed
                // (else it would go to _skipped); it removes nothing, the rows are already gone.
                outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, clock, outboxKnownEmpty: true, claimedByThisTransaction: false);
                await next.Send(outboxContext);
                continueProcessing = outboxContext.ContinueProcessing;
            }
        }
    }

    /// <summary>
    /// The consuming pass of an <see cref="IConsumesOutsideTransaction"/> consumer, run before any
    /// transaction on an inbox row not claimed yet: what it sends waits in the change tracker for the
    /// claim.
    /// </summary>
    private async Task<ConsumedAhead<T>> ConsumeAheadAsync<T>(
        ConsumeContext<T> context, OutboxConsumeOptions options, Guid messageId, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var inbox = new InboxState { MessageId = messageId, ConsumerId = options.ConsumerId, ReceiveCount = 1 };
        var outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, clock, outboxKnownEmpty: false, claimedByThisTransaction: true);
        await next.Send(outboxContext);
        return new ConsumedAhead<T>(inbox, outboxContext);
    }

    private sealed record ConsumedAhead<T>(InboxState Inbox, PostgresOutboxConsumeContext<TDbContext, T> Context)
        where T : class;

    /// <summary>
    /// Sends what the consuming pass stored, from memory and all at once (publisher confirms awaited
    /// together), then queues the rows' delete without waiting for it.
    /// <list type="bullet">
    /// <item>A process that dies before the confirms has not acknowledged the message: its redelivery
    /// finds the message consumed and sends the rows from the table (MassTransit's delivery pass).</item>
    /// <item>One that dies after them, before the delete, leaves rows nothing redelivers:
    /// <see cref="StrandedOutboxRowsSender{TDbContext}"/> sends them again.</item>
    /// </list>
    /// Either way the receivers' inboxes drop the copies.
    /// </summary>
    private async Task DeliverFromMemoryAsync(IReadOnlyList<OutboxMessage> stored, InboxState inbox, CancellationToken cancellationToken)
    {
        var sender = provider.GetRequiredService<StoredMessageSender>();
        await Task.WhenAll(stored.Select(row => sender.SendAsync(row, row.SequenceNumber, null, cancellationToken)));
        await provider.GetRequiredService<DeliveredOutboxRowsRemover<TDbContext>>().RemoveConsumed(inbox.MessageId, inbox.ConsumerId);
        inbox.Delivered = clock.GetUtcNow().UtcDateTime;
        db.ChangeTracker.Clear();
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("outboxContextFactory").Add("provider", "postgres");
    }
}
