using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Clients;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Commerce.Messaging.Configuration;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// The bus outbox: in a scope with no message being consumed (an Api request), the scoped
/// <see cref="IPublishEndpoint"/> and <see cref="ISendEndpointProvider"/> run MassTransit's whole
/// send pipeline (topology, headers, serializer) and end here, as rows added to the scope's
/// DbContext. They are saved by the caller's own SaveChanges, in the caller's own transaction.
/// When that transaction is an explicit one that EF reports committed
/// (<see cref="BusOutboxCommitWatcher"/>), the scope sends the rows from memory as it ends and
/// queues their deletion (<see cref="DeliveredOutboxRowsRemover{TDbContext}"/>); such rows are
/// written not due before <see cref="PostgresMessagingOptions.SendTimeout"/>, so
/// <see cref="BusOutboxDeliveryService{TDbContext}"/> only takes them when this send failed or its
/// process died. Anything else committed is sent by that service, woken at once.
/// </summary>
public sealed class PostgresScopedBusContext<TBus, TDbContext> : ScopedBusContext, OutboxSendContext, IAsyncDisposable, IDisposable
    where TBus : class, IBus
    where TDbContext : DbContext
{
    private readonly TBus _bus;
    private readonly TDbContext _db;
    private readonly IBusOutboxNotification _notification;
    private readonly IClientFactory _clientFactory;
    private readonly IServiceProvider _provider;
    private readonly TimeProvider _clock;
    private readonly Lock _addLock = new();
    private readonly List<PendingOutbox> _outboxes = [];
    private readonly List<PendingOutbox> _committed = [];
    private PendingOutbox? _current;
    private MemorySender? _sender;
    private IPublishEndpoint? _publishEndpoint;
    private ISendEndpointProvider? _sendEndpointProvider;
    private IScopedClientFactory? _scopedClientFactory;

    public PostgresScopedBusContext(TBus bus, TDbContext db, IBusOutboxNotification notification, IClientFactory clientFactory, IServiceProvider provider, TimeProvider clock)
    {
        _bus = bus;
        _db = db;
        _notification = notification;
        _clientFactory = clientFactory;
        _provider = provider;
        _clock = clock;
    }

    public ISendEndpointProvider SendEndpointProvider => _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, _bus);

    public IPublishEndpoint PublishEndpoint => _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, _bus));

    public IScopedClientFactory ClientFactory =>
        _scopedClientFactory ??= new ScopedClientFactory(new ClientFactory(new ScopedClientFactoryContext(_clientFactory, _provider)), null);

    public Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = _clock.GetUtcNow().UtcDateTime;
        lock (_addLock)
        {
            // One outbox per transaction: after a save the next send starts a new one.
            if (_current is null || _current.Saved)
            {
                _current = StartOutbox(now);
            }

            var row = MessageSerialization.Capture(context, new OutboxMessage(), now);
            row.OutboxId = _current.Id;
            _current.Rows.Add(row);
            _db.Add(row);
        }

        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => _provider.GetService(serviceType);

    /// <summary>Sends what committed from memory; wakes the delivery service for anything else that did.</summary>
    public async ValueTask DisposeAsync()
    {
        PendingOutbox[] committed;
        lock (_addLock)
        {
            committed = [.. _committed];
            _committed.Clear();
        }

        foreach (var outbox in committed)
        {
            await SendFromMemoryAsync(outbox);
        }

        Dispose();
    }

    /// <summary>Wakes this process's delivery service at once, instead of at its next poll, for what it has to send.</summary>
    public void Dispose()
    {
        bool waiting;
        lock (_addLock)
        {
            waiting = _outboxes.Any(o => !o.SendFromMemory && o.Saved);
            _outboxes.Clear();
        }

        if (waiting)
        {
            _notification.Delivered();
        }
    }

    private PendingOutbox StartOutbox(DateTime now)
    {
        var state = new OutboxState { OutboxId = NewId.NextGuid(), Created = now };
        var transaction = _db.Database.CurrentTransaction;
        var watcher = transaction is null ? null : WatcherOf(_db);
        if (watcher is not null)
        {
            // This scope sends it once the transaction commits; the delivery service is the fallback.
            state.NextAttemptAt = now + _provider.GetRequiredService<IOptions<PostgresMessagingOptions>>().Value.SendTimeout;
        }

        var outbox = new PendingOutbox(_db.Add(state), sendFromMemory: watcher is not null);
        _outboxes.Add(outbox);
        // Resolved now: by the time the scope is disposed it resolves nothing more.
        _sender ??= watcher is null ? null : new MemorySender(
            _provider.GetRequiredService<StoredMessageSender>(),
            _provider.GetRequiredService<MessagingMetrics>(),
            _provider.GetRequiredService<DeliveredOutboxRowsRemover<TDbContext>>());
        watcher?.WhenCommitted(transaction!.TransactionId, () =>
        {
            lock (_addLock)
            {
                if (outbox.Saved)
                {
                    _committed.Add(outbox);
                }
            }
        });
        return outbox;
    }

    /// <summary>The scope's commit watcher, when it is one of this DbContext's interceptors.</summary>
    private BusOutboxCommitWatcher? WatcherOf(DbContext db)
    {
        var watcher = _provider.GetService<BusOutboxCommitWatcher>();
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors;
        return watcher is not null && interceptors?.Contains(watcher) == true ? watcher : null;
    }

    private async Task SendFromMemoryAsync(PendingOutbox outbox)
    {
        var (sender, metrics, remover) = _sender!;
        try
        {
            // In order, as the delivery service would: one outbox is one caller's sequence of sends.
            foreach (var row in outbox.Rows.OrderBy(r => r.SequenceNumber))
            {
                await sender.SendAsync(row, row.SequenceNumber, null, CancellationToken.None);
                metrics.RecordDelivered(_clock.GetUtcNow().UtcDateTime - row.SentTime);
            }

            remover.EnqueueOutbox(outbox.Id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The rows are committed: the delivery service sends them once they are due.
            metrics.RecordDeliveryFailure();
        }
    }

    private sealed record MemorySender(StoredMessageSender Sender, MessagingMetrics Metrics, DeliveredOutboxRowsRemover<TDbContext> Remover);

    /// <summary>One outbox transaction of this scope: its state row and the messages it holds.</summary>
    private sealed class PendingOutbox(EntityEntry<OutboxState> state, bool sendFromMemory)
    {
        public Guid Id => state.Entity.OutboxId;

        public List<OutboxMessage> Rows { get; } = [];

        /// <summary>SaveChanges leaves the added state row Unchanged: written (and, by the caller, committed).</summary>
        public bool Saved => state.State == EntityState.Unchanged;

        /// <summary>Rows this scope sends itself once committed; until then not due for the delivery service.</summary>
        public bool SendFromMemory { get; } = sendFromMemory;
    }
}
