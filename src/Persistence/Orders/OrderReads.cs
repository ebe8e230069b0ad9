using Microsoft.EntityFrameworkCore;

namespace Commerce.Persistence.Orders;

/// <summary>
/// Reads of an order that run once per message on the checkout path, compiled once: a LINQ query
/// builds, hashes and parameterises its expression tree on every call (ADR 0022 has the profile).
/// </summary>
public static class OrderReads
{
    private static readonly Func<CommerceDbContext, Guid, CancellationToken, Task<Order>> WithLinesQuery =
        EF.CompileAsyncQuery((CommerceDbContext db, Guid orderId, CancellationToken _) =>
            db.Orders.AsNoTracking().Include(o => o.Lines).Single(o => o.Id == orderId));

    /// <summary>The order and its lines, untracked; throws if there is no such order.</summary>
    public static Task<Order> WithLinesAsync(this CommerceDbContext db, Guid orderId, CancellationToken cancellationToken) =>
        WithLinesQuery(db, orderId, cancellationToken);
}
