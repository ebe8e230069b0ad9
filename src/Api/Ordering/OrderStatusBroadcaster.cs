using System.Collections.Concurrent;
using System.Threading.Channels;
using Commerce.Contracts.Checkout;
using MassTransit;

namespace Commerce.Api.Ordering;

/// <summary>
/// Hands each <see cref="OrderStatusChanged"/> this Api instance receives to the clients that are
/// watching that order here. Every instance has its own temporary queue, so every instance sees
/// every change, whichever instance the client is connected to.
/// </summary>
internal sealed class OrderStatusBroadcaster
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<OrderStatusChanged>, byte>> _watchers = new();

    public Subscription Watch(Guid orderId)
    {
        var channel = Channel.CreateBounded<OrderStatusChanged>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers.GetOrAdd(orderId, _ => new()).TryAdd(channel, 0);
        return new Subscription(channel.Reader, () =>
        {
            if (_watchers.TryGetValue(orderId, out var set))
            {
                set.TryRemove(channel, out _);
            }
        });
    }

    public void Publish(OrderStatusChanged change)
    {
        if (_watchers.TryGetValue(change.OrderId, out var set))
        {
            foreach (var channel in set.Keys)
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    internal sealed class Subscription(ChannelReader<OrderStatusChanged> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<OrderStatusChanged> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}

/// <summary>Feeds the broadcaster from this instance's temporary queue.</summary>
internal sealed class OrderStatusStreamConsumer(OrderStatusBroadcaster broadcaster) : IConsumer<OrderStatusChanged>
{
    public Task Consume(ConsumeContext<OrderStatusChanged> context)
    {
        broadcaster.Publish(context.Message);
        return Task.CompletedTask;
    }
}
