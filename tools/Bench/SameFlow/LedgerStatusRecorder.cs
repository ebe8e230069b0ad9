using Commerce.Persistence.Orders;
using Commerce.Workers.Checkout;

namespace Commerce.Bench.SameFlow;

/// <summary>The saga's RecordStatus step without a database: the change goes to the <see cref="OrderLedger"/>.</summary>
public sealed class LedgerStatusRecorder(OrderLedger ledger) : IOrderStatusRecorder
{
    public Task RecordAsync(OrderStatusChange change, CancellationToken cancellationToken)
    {
        ledger.Record(change);
        return Task.CompletedTask;
    }
}
