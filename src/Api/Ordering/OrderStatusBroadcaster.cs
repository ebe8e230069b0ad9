using System.Threading.Channels;

namespace Commerce.Api.Ordering;

/// <summary>
/// Tells the clients watching an order on this Api instance that its status changed
/// (<see cref="OrderStatusListener"/> hears it from PostgreSQL); each stream then reads what is
/// new from the order's timeline. A signal carries no data, so signals that pile up collapse into one.
/// An order's entry lives only while someone watches it: ids asked for once cannot pile up.
/// </summary>
internal sealed class OrderStatusBroadcaster
{
    // One lock for adding and removing, so an entry emptied by the last watcher is never removed under a new one.
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<Channel<bool>>> _watchers = [];

    /// <summary>Orders with at least one watcher.</summary>
    internal int WatchedOrders
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    public Subscription Watch(Guid orderId)
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_gate)
        {
            if (!_watchers.TryGetValue(orderId, out var set))
            {
                _watchers[orderId] = set = [];
            }

            set.Add(channel);
        }

        return new Subscription(channel, () => Unwatch(orderId, channel));
    }

    public void Changed(Guid orderId)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(orderId, out var set))
            {
                Signal(set);
            }
        }
    }

    /// <summary>After notifications may have been missed (the listening connection was lost): every stream reads again.</summary>
    public void ChangedAll()
    {
        lock (_gate)
        {
            foreach (var set in _watchers.Values)
            {
                Signal(set);
            }
        }
    }

    private void Unwatch(Guid orderId, Channel<bool> channel)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(orderId, out var set) && set.Remove(channel) && set.Count == 0)
            {
                _watchers.Remove(orderId);
            }
        }
    }

    private static void Signal(HashSet<Channel<bool>> set)
    {
        foreach (var channel in set)
        {
            channel.Writer.TryWrite(true);
        }
    }

    internal sealed class Subscription(Channel<bool> channel, Action unsubscribe) : IDisposable
    {
        public ChannelReader<bool> Reader => channel.Reader;

        /// <summary>Makes the stream read the timeline once, as a change would.</summary>
        public void Signal() => channel.Writer.TryWrite(true);

        public void Dispose() => unsubscribe();
    }
}
