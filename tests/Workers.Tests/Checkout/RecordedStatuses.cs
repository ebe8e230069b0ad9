using System.Collections.Concurrent;
using Commerce.Persistence.Orders;
using Commerce.Workers.Checkout;

namespace Commerce.Workers.Tests.Checkout;

/// <summary>
/// The harness's stand-in for the order table: keeps each status change the saga records. The real
/// recorder's writes are covered against PostgreSQL by the end-to-end suite.
/// </summary>
internal sealed class RecordedStatuses : IOrderStatusRecorder
{
    private readonly ConcurrentQueue<OrderStatusChange> _changes = new();

    public IReadOnlyList<OrderStatusChange> Changes => [.. _changes];

    public Task RecordAsync(OrderStatusChange change, CancellationToken cancellationToken)
    {
        _changes.Enqueue(change);
        return Task.CompletedTask;
    }
}
