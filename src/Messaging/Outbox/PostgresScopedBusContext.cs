using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Clients;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// The bus outbox: in a scope with no message being consumed (an Api request), the scoped
/// <see cref="IPublishEndpoint"/> and <see cref="ISendEndpointProvider"/> run MassTransit's whole
/// send pipeline (topology, headers, serializer) and end here, as rows added to the scope's
/// DbContext. They are saved by the caller's own SaveChanges, in the caller's own transaction,
/// and sent by <see cref="BusOutboxDeliveryService{TDbContext}"/> once committed.
/// </summary>
public sealed class PostgresScopedBusContext<TBus, TDbContext> : ScopedBusContext, OutboxSendContext, IDisposable
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
    private EntityEntry<OutboxState>? _state;
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
            // One outbox per transaction: after a commit the next send starts a new one.
            if (_state is null || Committed)
            {
                _state = _db.Add(new OutboxState { OutboxId = NewId.NextGuid(), Created = now });
            }

            var row = MessageSerialization.Capture(context, new OutboxMessage(), now);
            row.OutboxId = _state.Entity.OutboxId;
            _db.Add(row);
        }

        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => _provider.GetService(serviceType);

    /// <summary>Wakes this process's delivery service at once instead of at its next poll.</summary>
    public void Dispose()
    {
        if (Committed)
        {
            _notification.Delivered();
        }
    }

    // SaveChanges leaves the added state row Unchanged: written (and, by the caller, committed).
    private bool Committed => _state?.State == EntityState.Unchanged;
}
