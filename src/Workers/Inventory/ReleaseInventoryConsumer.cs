using Commerce.Contracts.Inventory;
using Commerce.Persistence;
using Commerce.Persistence.Inventory;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Inventory;

/// <summary>
/// Compensation: gives an order's stock back, whether it was still reserved or already sold.
/// Each reservation row moves to Released once, so a repeated release changes nothing.
/// </summary>
public sealed class ReleaseInventoryConsumer(CommerceDbContext db, TimeProvider clock) : IConsumer<ReleaseInventory>
{
    public async Task Consume(ConsumeContext<ReleaseInventory> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reservations = await db.NotReleasedAsync(context.Message.OrderId, context.CancellationToken);
        foreach (var reservation in reservations)
        {
            var quantity = reservation.Quantity;
            var fromSold = reservation.State == ReservationState.Sold;
            await db.Products.Where(p => p.Id == reservation.ProductId).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.Available, x => x.Available + quantity)
                .SetProperty(x => x.Reserved, x => fromSold ? x.Reserved : x.Reserved - quantity)
                .SetProperty(x => x.Sold, x => fromSold ? x.Sold - quantity : x.Sold), context.CancellationToken);
            reservation.State = ReservationState.Released;
            reservation.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
