using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence.Inventory;

/// <summary>
/// An order's reservations as the inventory steps read them, tracked (the step moves each to its next
/// state) and in product order (two orders updating the same products never deadlock). Compiled once,
/// as <see cref="Orders.OrderReads"/> explains.
/// </summary>
public static class StockReservationReads
{
    private static readonly Func<CommerceDbContext, Guid, IAsyncEnumerable<StockReservation>> ReservedQuery =
        EF.CompileAsyncQuery<CommerceDbContext, Guid, StockReservation>((db, orderId) =>
            db.StockReservations.Where(r => r.OrderId == orderId && r.State == ReservationState.Reserved).OrderBy(r => r.ProductId));

    private static readonly Func<CommerceDbContext, Guid, IAsyncEnumerable<StockReservation>> NotReleasedQuery =
        EF.CompileAsyncQuery<CommerceDbContext, Guid, StockReservation>((db, orderId) =>
            db.StockReservations.Where(r => r.OrderId == orderId && r.State != ReservationState.Released).OrderBy(r => r.ProductId));

    /// <summary>The reservations still holding stock for the order (to be sold).</summary>
    public static Task<List<StockReservation>> ReservedAsync(this CommerceDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        ReservedQuery(db, orderId).ToListAsync(cancellationToken).AsTask();

    /// <summary>The reservations whose stock has not been given back, reserved or sold (to be released).</summary>
    public static Task<List<StockReservation>> NotReleasedAsync(this CommerceDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        NotReleasedQuery(db, orderId).ToListAsync(cancellationToken).AsTask();
}
