using System.Diagnostics.Metrics;
using Commerce.Persistence.Orders;
using Commerce.ServiceDefaults;

namespace Commerce.Workers.Checkout;

/// <summary>
/// <c>commerce.orders.finished</c>: orders that reached a final status, by <c>status</c>. Counted
/// when the step records it, so a step whose transaction fails and runs again counts twice: a
/// rate for alerts and dashboards, not a ledger (the orders table is that).
/// </summary>
public sealed class OrderMetrics(IMeterFactory meters)
{
    private readonly CommerceCounter _finished = new(meters, "orders.finished", "{order}", "Orders that reached a final status, by status");

    public void StatusRecorded(string status)
    {
        if (OrderStatus.Terminal.Contains(status))
        {
            _finished.Add(("status", status));
        }
    }
}
