using Commerce.Contracts.Inventory;
using Commerce.Persistence;
using Commerce.Persistence.Inventory;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Inventory;

/// <summary>
/// Reserves every line of an order or none. Each line is a conditional update
/// (<c>available &gt;= quantity</c>), so no interleaving of orders can oversell; a line that does
/// not fit rolls the order's earlier lines back to a savepoint inside the consumer's transaction.
/// </summary>
public sealed class ReserveInventoryConsumer(CommerceDbContext db, TimeProvider clock) : IConsumer<ReserveInventory>
{
    // Products in a fixed order: two orders locking the same rows never deadlock. Compiled once
    // (see OrderReads): this runs for every order.
    private static readonly Func<CommerceDbContext, Guid, IAsyncEnumerable<ProductQuantity>> ProductQuantitiesQuery =
        EF.CompileAsyncQuery<CommerceDbContext, Guid, ProductQuantity>((db, orderId) => db.Orders.Where(o => o.Id == orderId)
            .SelectMany(o => o.Lines)
            .GroupBy(l => l.ProductId)
            .OrderBy(g => g.Key)
            .Select(g => new ProductQuantity(g.Key, g.Sum(l => l.Quantity), g.Min(l => l.Name)!)));

    public async Task Consume(ConsumeContext<ReserveInventory> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orderId = context.Message.OrderId;
        var lines = await ProductQuantitiesQuery(db, orderId).ToListAsync(context.CancellationToken);

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
