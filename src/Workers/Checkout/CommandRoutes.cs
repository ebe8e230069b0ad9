using Commerce.Contracts;
using Commerce.Contracts.Fulfillment;
using Commerce.Contracts.Inventory;
using Commerce.Contracts.Notifications;
using Commerce.Contracts.Payments;
using MassTransit;

namespace Commerce.Workers.Checkout;

/// <summary>Where the saga's commands go: each to the queue of its one consumer (<see cref="Queues"/>).</summary>
public static class CommandRoutes
{
    private static int _mapped;

    public static void Map()
    {
        // EndpointConvention is process-wide and refuses a second mapping of a type.
        if (Interlocked.Exchange(ref _mapped, 1) == 1)
        {
            return;
        }

        EndpointConvention.Map<ReserveInventory>(Queues.Address(Queues.ReserveInventory));
        EndpointConvention.Map<ReleaseInventory>(Queues.Address(Queues.ReleaseInventory));
        EndpointConvention.Map<CommitInventory>(Queues.Address(Queues.CommitInventory));
        EndpointConvention.Map<ChargePayment>(Queues.Address(Queues.ChargePayment));
        EndpointConvention.Map<RefundPayment>(Queues.Address(Queues.RefundPayment));
        EndpointConvention.Map<SendNotification>(Queues.Address(Queues.SendNotification));
        EndpointConvention.Map<RequestFulfillment>(Queues.Address(Queues.RequestFulfillment));
    }
}
