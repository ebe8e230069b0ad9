using Commerce.Contracts.Fulfillment;
using Commerce.Contracts.Inventory;
using Commerce.Contracts.Notifications;
using Commerce.Contracts.Payments;
using MassTransit;

namespace Commerce.Workers.Ordering;

/// <summary>
/// Where the saga's commands go: each to the queue of its one consumer, named as the RabbitMQ UI
/// shows it (kebab-case of the consumer's name).
/// </summary>
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

        EndpointConvention.Map<ReserveInventory>(Queue("reserve-inventory"));
        EndpointConvention.Map<ReleaseInventory>(Queue("release-inventory"));
        EndpointConvention.Map<CommitInventory>(Queue("commit-inventory"));
        EndpointConvention.Map<ChargePayment>(Queue("charge-payment"));
        EndpointConvention.Map<RefundPayment>(Queue("refund-payment"));
        EndpointConvention.Map<SendNotification>(Queue("send-notification"));
        EndpointConvention.Map<RequestFulfillment>(Queue("request-fulfillment"));
    }

    private static Uri Queue(string name) => new($"queue:{name}");
}
