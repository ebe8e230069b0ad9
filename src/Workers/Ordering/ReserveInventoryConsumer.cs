using Commerce.Contracts.Inventory;
using Commerce.Persistence;
using Commerce.Persistence.Inventory;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Ordering;

/// <summary>
/// Reserves every line of an order or none. Each line is a conditional update
/// (<c>available &gt;= quantity</c>), so no interleaving of orders can oversell; a line that does
/// not fit rolls the order's earlier lines back to a savepoint inside the consumer's transaction.
/// </summary>
public sealed class ReserveInventoryConsumer(CommerceDbContext db, TimeProvider clock) : IConsumer<ReserveInventory>
{
    public async Task Consume(ConsumeContext<ReserveInventory> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orderId = context.Message.OrderId;
        // Products in a fixed order: two orders locking the same rows never deadlock.
        var lines = await db.Orders.Where(o => o.Id == orderId)
            .SelectMany(o => o.Lines)
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Quantity = g.Sum(l => l.Quantity), Name = g.Min(l => l.Name) })
            .OrderBy(l => l.ProductId)
            .ToListAsync(context.CancellationToken);

        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Reservations run inside the outbox's transaction");
        await transaction.CreateSavepointAsync("reserve", context.CancellationToken);
        foreach (var line in lines)
        {
            var quantity = line.Quantity;
            var updated = await db.Products
                .Where(p => p.Id == line.ProductId && p.Available >= quantity)
                .ExecuteUpdateAsync(p => p
                    .SetProperty(x => x.Available, x => x.Available - quantity)
                    .SetProperty(x => x.Reserved, x => x.Reserved + quantity), context.CancellationToken);
            if (updated == 0)
            {
                await transaction.RollbackToSavepointAsync("reserve", context.CancellationToken);
                await context.Publish(new InventoryReservationFailed(orderId, $"not enough stock of {line.Name}"));
                return;
            }
        }

        var now = clock.GetUtcNow();
        db.StockReservations.AddRange(lines.Select(l => new StockReservation
        {
            OrderId = orderId,
            ProductId = l.ProductId,
            Quantity = l.Quantity,
            State = ReservationState.Reserved,
            UpdatedAt = now,
        }));
        await db.SaveChangesAsync(context.CancellationToken);
        await context.Publish(new InventoryReserved(orderId));
    }
}
