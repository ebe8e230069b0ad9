using Commerce.Messaging.Scheduling;
using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// The consume context a consumer sees behind the outbox: every send and publish becomes an
/// <see cref="OutboxMessage"/> row in the current transaction, every schedule (a saga's
/// <c>Schedule()</c>) a <see cref="ScheduledDelivery"/> row in it.
/// </summary>
public sealed class PostgresOutboxConsumeContext<TDbContext, TMessage> : OutboxConsumeContextProxy<TMessage>
    where TDbContext : DbContext
    where TMessage : class
{
    private readonly TDbContext _db;
    private readonly InboxState _inbox;
    private readonly bool _claimedByThisTransaction;
    private readonly TimeProvider _clock;
    private readonly Lock _addLock = new();
    private readonly List<OutboxMessage> _stored = [];

    public PostgresOutboxConsumeContext(
        ConsumeContext<TMessage> context,
        OutboxConsumeOptions options,
        IServiceProvider provider,
        TDbContext db,
        InboxState inbox,
        TimeProvider clock,
        bool outboxKnownEmpty,
        bool claimedByThisTransaction)
        : base(context, options, provider)
    {
        _db = db;
        _inbox = inbox;
        _claimedByThisTransaction = claimedByThisTransaction;
        _clock = clock;
        OutboxKnownEmpty = outboxKnownEmpty;
        // MassTransit's proxy (the base) points the scheduler at this context, so a schedule would
        // become a ScheduleMessage row sent to the scheduler queue; here it is a scheduler row itself.
        if (context.TryGetPayload(out MessageSchedulerContext? _))
        {
            MessageSchedulerFactory factory = c => new MessageScheduler(
                new TransactionalScheduleMessageProvider(c, db, Add, clock),
                c.GetPayload<IBusTopology>());
            context.AddOrUpdatePayload<MessageSchedulerContext>(
                () => new ConsumeMessageSchedulerContext(this, factory),
                _ => new ConsumeMessageSchedulerContext(this, factory));
        }
    }

    /// <summary>
    /// True once this message's first successful consume stored nothing: no pass can have left
    /// rows behind (a pass that stores rows also marks the message consumed, and a failed pass is
    /// rolled back whole), so the removal pass needs no DELETE.
    /// </summary>
    public bool OutboxKnownEmpty { get; private set; }

    public override Guid? MessageId => _inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => _inbox.Consumed.HasValue;

    public override bool IsOutboxDelivered => _inbox.Delivered.HasValue;

    public override int ReceiveCount => _inbox.ReceiveCount;

    public override long? LastSequenceNumber => _inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        _inbox.Consumed = Now;
        // Nothing stored, nothing to send: delivered as well, so the removal pass can follow at once.
        // In memory only: the row went in consumed, and a redelivery that finds it not delivered
        // looks for stored rows, finds none and marks it then.
        if (_stored.Count == 0)
        {
            _inbox.Delivered = _inbox.Consumed;
            OutboxKnownEmpty = true;
        }

        if (!_claimedByThisTransaction)
        {
            // A row stored before this transaction, not consumed: nothing else marks it.
            await SaveInboxAsync();
        }
    }

    public override async Task SetDelivered()
    {
        _inbox.Delivered = Now;
        await SaveInboxAsync();
    }

    /// <summary>Writes whether the message was consumed and how far its stored rows were sent (the row is not tracked).</summary>
    public Task<int> SaveInboxAsync() => _db.Set<InboxState>()
        .Where(i => i.Id == _inbox.Id)
        .ExecuteUpdateAsync(
            s => s.SetProperty(i => i.Consumed, _inbox.Consumed)
                .SetProperty(i => i.Delivered, _inbox.Delivered)
                .SetProperty(i => i.LastSequenceNumber, _inbox.LastSequenceNumber),
            CancellationToken);

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var last = LastSequenceNumber ?? 0;
        var rows = await _db.Set<OutboxMessage>()
            .Where(m => m.InboxMessageId == _inbox.MessageId && m.InboxConsumerId == ConsumerId && m.SequenceNumber > last)
            .OrderBy(m => m.SequenceNumber)
            .Take(Options.MessageDeliveryLimit + 1)
            .AsNoTracking()
            .ToListAsync(CancellationToken);
        return [.. rows.Select(r => (OutboxMessageContext)new StoredMessageContext(r, r.SequenceNumber))];
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _inbox.LastSequenceNumber = message.SequenceNumber;
        return Task.CompletedTask;
    }

    public override Task RemoveOutboxMessages() => OutboxKnownEmpty
        ? Task.CompletedTask
        : _db.Set<OutboxMessage>()
            .Where(m => m.InboxMessageId == _inbox.MessageId && m.InboxConsumerId == ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);

    public override Task AddSend<T>(SendContext<T> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = MessageSerialization.Capture(context, new OutboxMessage(), Now);
        row.InboxMessageId = _inbox.MessageId;
        row.InboxConsumerId = ConsumerId;
        Add(row);
        return Task.CompletedTask;
    }

    /// <summary>The rows this pass's consumer stored, in the order it sent them (numbered once saved).</summary>
    public IReadOnlyList<OutboxMessage> StoredMessages
    {
        get
        {
            lock (_addLock)
            {
                return [.. _stored];
            }
        }
    }

    private void Add(StoredMessage row)
    {
        // A consumer may publish from several tasks at once; the change tracker is not thread-safe.
        lock (_addLock)
        {
            _db.Add(row);
            if (row is OutboxMessage message)
            {
                _stored.Add(message);
            }
        }
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;
}
