using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Commerce.Api.Ordering;

/// <summary>
/// Tells the clients watching an order on this Api instance that its status changed
/// (<see cref="OrderStatusListener"/> hears it from PostgreSQL); each stream then reads what is
/// new from the order's timeline. A signal carries no data, so signals that pile up collapse into one.
/// </summary>
internal sealed class OrderStatusBroadcaster
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<bool>, byte>> _watchers = new();

    public Subscription Watch(Guid orderId)
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        _watchers.GetOrAdd(orderId, _ => new()).TryAdd(channel, 0);
        return new Subscription(channel.Reader, () =>
        {
            if (_watchers.TryGetValue(orderId, out var set))
            {
                set.TryRemove(channel, out _);
            }
        });
    }

    public void Changed(Guid orderId)
    {
        if (_watchers.TryGetValue(orderId, out var set))
        {
            Signal(set);
        }
    }

    /// <summary>After notifications may have been missed (the listening connection was lost): every stream reads again.</summary>
    public void ChangedAll()
    {
        foreach (var set in _watchers.Values)
        {
            Signal(set);
        }
    }

    private static void Signal(ConcurrentDictionary<Channel<bool>, byte> set)
    {
        foreach (var channel in set.Keys)
        {
            channel.Writer.TryWrite(true);
        }
    }

    internal sealed class Subscription(ChannelReader<bool> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<bool> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
