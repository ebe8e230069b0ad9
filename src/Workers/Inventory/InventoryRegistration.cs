using Commerce.Contracts;
using MassTransit;

namespace Commerce.Workers.Inventory;

/// <summary>Reservation, release and commit of stock, each on its queue.</summary>
public static class InventoryRegistration
{
    public static void AddInventoryConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<ReserveInventoryConsumer>().Endpoint(e => e.Name = Queues.ReserveInventory);
        x.AddConsumer<ReleaseInventoryConsumer>().Endpoint(e => e.Name = Queues.ReleaseInventory);
        x.AddConsumer<CommitInventoryConsumer>().Endpoint(e => e.Name = Queues.CommitInventory);
    }
}
