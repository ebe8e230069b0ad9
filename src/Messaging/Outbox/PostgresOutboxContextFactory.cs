using System.Data;
using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// MassTransit's consumer outbox on PostgreSQL. Each pass over a received message runs in one
/// READ COMMITTED transaction that first upserts and locks the (message, consumer) inbox row:
/// a concurrent duplicate waits on that lock, a redelivered one finds the row already consumed.
/// Pass 1 runs the consumer and stores what it sends; pass 2 sends the stored messages; pass 3
/// removes them. The consumer's own writes (saga state included) share pass 1's transaction; pass 3
/// shares the transaction of the pass before it, and a consumer that sent nothing needs one in all.
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
            var inbox = await sql.LockAsync(messageId, options.ConsumerId, clock.GetUtcNow().UtcDateTime, context.CancellationToken);
            if (firstPass)
            {
                inbox.ReceiveCount++;
                firstPass = false;
            }

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
        }
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
        private readonly string _insert;
        private readonly string _lock;

        public InboxSql(DbContext db)
        {
            _db = db;
            var n = new StoreNames<InboxState>(db);
            var key = $"{n.Column(i => i.MessageId)}, {n.Column(i => i.ConsumerId)}";
            // ON CONFLICT waits for a concurrent inserter to finish, so the SELECT that follows (a new
            // statement, a new snapshot under READ COMMITTED) always finds the row.
            _insert = $"INSERT INTO {n.Table} ({key}, {n.Column(i => i.LockId)}, {n.Column(i => i.Received)}, {n.Column(i => i.ReceiveCount)}) " +
                $"VALUES ({{0}}, {{1}}, {{2}}, {{3}}, 0) ON CONFLICT ({key}) DO NOTHING";
            _lock = $"SELECT * FROM {n.Table} WHERE {n.Column(i => i.MessageId)} = {{0}} AND {n.Column(i => i.ConsumerId)} = {{1}} FOR UPDATE";
        }

        public async Task<InboxState> LockAsync(Guid messageId, Guid consumerId, DateTime now, CancellationToken cancellationToken)
        {
            await _db.Database.ExecuteSqlRawAsync(_insert, [messageId, consumerId, NewId.NextGuid(), now], cancellationToken);
            return await _db.Set<InboxState>().FromSqlRaw(_lock, messageId, consumerId).AsTracking().SingleAsync(cancellationToken);
        }
    }
}
