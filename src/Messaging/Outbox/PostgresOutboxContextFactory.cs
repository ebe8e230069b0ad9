using System.Data;
using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// MassTransit's consumer outbox on PostgreSQL. The consuming pass runs in one READ COMMITTED
/// transaction that first upserts and locks the (message, consumer) inbox row in one statement (a concurrent
/// duplicate waits on that lock, a redelivered one finds the row already consumed), runs the
/// consumer and stores what it sends with the consumer's own writes (saga state included). After
/// the commit the stored messages go to the broker from memory and their rows are deleted in one
/// statement: one transaction per step. A redelivery of a message whose sends were interrupted
/// takes MassTransit's passes instead: send the stored rows, then remove them.
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
        var sql = new InboxSql(db);
        var firstPass = true;
        var continueProcessing = true;
        while (continueProcessing)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
            var inbox = await sql.LockAsync(messageId, options.ConsumerId, clock.GetUtcNow().UtcDateTime, received: firstPass ? 1 : 0, context.CancellationToken);
            firstPass = false;

            PostgresOutboxConsumeContext<TDbContext, T> outboxContext;
            var outboxKnownEmpty = false;
            do
            {
                outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, clock, outboxKnownEmpty);
                await next.Send(outboxContext);
                await db.SaveChangesAsync(context.CancellationToken);
                outboxKnownEmpty = outboxContext.OutboxKnownEmpty;
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
                await DeliverFromMemoryAsync(stored, sql, inbox, context.CancellationToken);
                // The pass that finds the message consumed and delivered: MassTransit marks it consumed
                // (else it would go to _skipped); it removes nothing, the rows are already gone.
                outboxContext = new PostgresOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, clock, outboxKnownEmpty: true);
                await next.Send(outboxContext);
                continueProcessing = outboxContext.ContinueProcessing;
            }
        }
    }

    /// <summary>
    /// Sends what the consuming pass stored, from memory and all at once (publisher confirms awaited
    /// together), then deletes the rows in one statement. A process that dies before the DELETE has
    /// not acknowledged the message either: its redelivery finds the message consumed and sends the
    /// rows from the table (MassTransit's delivery pass), and the receivers' inboxes drop the copies.
    /// </summary>
    private async Task DeliverFromMemoryAsync(IReadOnlyList<OutboxMessage> stored, InboxSql sql, InboxState inbox, CancellationToken cancellationToken)
    {
        var sender = provider.GetRequiredService<StoredMessageSender>();
        await Task.WhenAll(stored.Select(row => sender.SendAsync(row, row.SequenceNumber, null, cancellationToken)));
        await sql.RemoveDeliveredAsync(inbox.MessageId, inbox.ConsumerId, cancellationToken);
        inbox.Delivered = clock.GetUtcNow().UtcDateTime;
        inbox.LastSequenceNumber = stored.Max(row => row.SequenceNumber);
        db.ChangeTracker.Clear();
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("outboxContextFactory").Add("provider", "postgres");
    }

    /// <summary>The inbox statements, with names from the model and every value a parameter.</summary>
    private sealed class InboxSql
    {
        private readonly DbContext _db;
        private readonly string _upsert;
        private readonly string _removeDelivered;

        public InboxSql(DbContext db)
        {
            _db = db;
            var n = new StoreNames<InboxState>(db);
            var key = $"{n.Column(i => i.MessageId)}, {n.Column(i => i.ConsumerId)}";
            var receiveCount = n.Column(i => i.ReceiveCount);
            // One round trip inserts the row or, when it exists, locks it as an UPDATE does: a
            // concurrent duplicate waits here for the first to commit, then reads the committed row
            // (READ COMMITTED re-checks the conflict against the latest version).
            _upsert = $"INSERT INTO {n.Table} AS i ({key}, {n.Column(i => i.LockId)}, {n.Column(i => i.Received)}, {receiveCount}) " +
                $"VALUES ({{0}}, {{1}}, {{2}}, {{3}}, {{4}}) ON CONFLICT ({key}) DO UPDATE SET {receiveCount} = i.{receiveCount} + {{4}} RETURNING *";
            var o = new StoreNames<OutboxMessage>(db);
            _removeDelivered = $"DELETE FROM {o.Table} WHERE {o.Column(m => m.InboxMessageId)} = {{0}} AND {o.Column(m => m.InboxConsumerId)} = {{1}}";
        }

        public Task<int> RemoveDeliveredAsync(Guid messageId, Guid consumerId, CancellationToken cancellationToken) =>
            _db.Database.ExecuteSqlRawAsync(_removeDelivered, [messageId, consumerId], cancellationToken);

        /// <summary>The (message, consumer) row, locked until the transaction ends; <paramref name="received"/> is added to its receive count.</summary>
        public async Task<InboxState> LockAsync(Guid messageId, Guid consumerId, DateTime now, int received, CancellationToken cancellationToken)
        {
            // Not composable (an INSERT): read as it is, without LINQ on top.
            var rows = await _db.Set<InboxState>().FromSqlRaw(_upsert, messageId, consumerId, NewId.NextGuid(), now, received).AsTracking().ToListAsync(cancellationToken);
            return rows.Single();
        }
    }
}
