using System.Collections.Concurrent;
using Commerce.Bench.Measure;
using Commerce.Persistence.Orders;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// The same-flow host's stand-in for the orders table: when each order was accepted and every
/// status the saga recorded for it, in memory. It answers what the bench reads from the real
/// system's database: orders not yet final, and Submitted → Confirmed per order.
/// </summary>
public sealed class OrderLedger
{
    private readonly ConcurrentDictionary<Guid, Entry> _orders = new();

    public void Accept(Guid orderId, DateTimeOffset at) => _orders[orderId] = new Entry(at);

    public void Record(OrderStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!_orders.TryGetValue(change.OrderId, out var entry))
        {
            return;
        }

        lock (entry)
        {
            // Forward only, by the saga's version, as the real recorder's UPDATE … WHERE status_version < version.
            if (change.Version > entry.Version)
            {
                entry.Version = change.Version;
                entry.Status = change.Status;
            }

            if (change.Status == OrderStatus.Confirmed)
            {
                entry.ConfirmedAt ??= change.At;
            }
        }
    }

    public LedgerProgress Progress()
    {
        var states = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in _orders.Values)
        {
            string status;
            lock (entry)
            {
                status = entry.Status;
            }

            states[status] = states.GetValueOrDefault(status) + 1;
        }

        var final = states.Where(s => OrderStatus.Terminal.Contains(s.Key)).Sum(s => s.Value);
        return new LedgerProgress(_orders.Count, final, states);
    }

    public IReadOnlyList<Confirmation> Confirmations(IEnumerable<Guid> orderIds)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var found = new List<Confirmation>();
        foreach (var id in orderIds)
        {
            if (_orders.TryGetValue(id, out var entry))
            {
                lock (entry)
                {
                    found.Add(new Confirmation(id, entry.SubmittedAt, entry.ConfirmedAt));
                }
            }
        }

        return found;
    }

    private sealed class Entry(DateTimeOffset submittedAt)
    {
        public DateTimeOffset SubmittedAt { get; } = submittedAt;

        public string Status { get; set; } = OrderStatus.Submitted;

        public int Version { get; set; }

        public DateTimeOffset? ConfirmedAt { get; set; }
    }
}

/// <summary>Orders accepted, how many are final, and how many are in each status.</summary>
public sealed record LedgerProgress(int Accepted, int Final, IReadOnlyDictionary<string, int> States)
{
    public int NotFinal => Accepted - Final;
}
