using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Chooses the scoped bus context: inside a consumer, MassTransit's own (the consumer outbox
/// captures it); anywhere else, the PostgreSQL bus outbox.
/// </summary>
public sealed class PostgresScopedBusContextProvider<TBus, TDbContext> : IScopedBusContextProvider<TBus>, IAsyncDisposable, IDisposable
    where TBus : class, IBus
    where TDbContext : DbContext
{
    public PostgresScopedBusContextProvider(
        TBus bus,
        TDbContext db,
        IBusOutboxNotification notification,
        IClientFactory clientFactory,
        IScopedConsumeContextProvider consumeContextProvider,
        IServiceProvider provider,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(consumeContextProvider);
        Context = consumeContextProvider.HasContext
            ? new ConsumeContextScopedBusContext(consumeContextProvider.GetContext(), clientFactory)
            : new PostgresScopedBusContext<TBus, TDbContext>(bus, db, notification, clientFactory, provider, clock);
    }

    public ScopedBusContext Context { get; }

    public ValueTask DisposeAsync() => Context is IAsyncDisposable context ? context.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose() => (Context as IDisposable)?.Dispose();
}
