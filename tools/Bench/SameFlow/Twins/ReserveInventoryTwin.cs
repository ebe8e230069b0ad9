using Commerce.Contracts.Inventory;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>reserve-inventory without the database: every order's stock is there.</summary>
public sealed class ReserveInventoryTwin : IConsumer<ReserveInventory>
{
    public Task Consume(ConsumeContext<ReserveInventory> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Publish(new InventoryReserved(context.Message.OrderId));
    }
}
