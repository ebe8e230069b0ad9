using Commerce.Contracts.Inventory;
using Commerce.Persistence;
using Commerce.Persistence.Inventory;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Inventory;

/// <summary>A confirmed order's reserved stock becomes sold stock (once per reservation).</summary>
public sealed class CommitInventoryConsumer(CommerceDbContext db, TimeProvider clock) : IConsumer<CommitInventory>
{
    public async Task Consume(ConsumeContext<CommitInventory> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reservations = await db.ReservedAsync(context.Message.OrderId, context.CancellationToken);
        foreach (var reservation in reservations)
        {
            var quantity = reservation.Quantity;
            await db.Products.Where(p => p.Id == reservation.ProductId).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.Reserved, x => x.Reserved - quantity)
                .SetProperty(x => x.Sold, x => x.Sold + quantity), context.CancellationToken);
            reservation.State = ReservationState.Sold;
            reservation.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
