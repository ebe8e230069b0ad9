using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Bench.Measure;

/// <summary>What the system did with the accepted orders, read from its own database.</summary>
public static class OrderProgress
{
    /// <summary>The end of an order's road: Delivered on the happy path, or one of the ways it can fail.</summary>
    private static readonly string[] Final = [OrderStatus.Delivered, OrderStatus.Rejected, OrderStatus.PaymentFailed, OrderStatus.Cancelled];

    /// <summary>Orders not yet in a final state (the bench's "still in flight").</summary>
    public static Task<int> NotFinalAsync(CommerceDbContext db, CancellationToken cancellationToken) =>
        db.Orders.CountAsync(o => !Final.Contains(o.Status), cancellationToken);

    /// <summary>Rows of the bus outbox not yet sent to the broker: messages on their way to a queue.</summary>
    public static Task<long> OutboxRowsAsync(CommerceDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM outbox_message").SingleAsync(cancellationToken);

    /// <summary>For each order, when it was accepted and when the saga confirmed it (null if it did not).</summary>
    public static async Task<IReadOnlyList<Confirmation>> ConfirmationsAsync(CommerceDbContext db, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var results = new List<Confirmation>(orderIds.Count);
        foreach (var chunk in orderIds.Chunk(5_000))
        {
            results.AddRange(await db.Orders
                .Where(o => chunk.Contains(o.Id))
                .Select(o => new Confirmation(
                    o.Id,
                    o.CreatedAt,
                    o.Timeline.Where(t => t.Status == OrderStatus.Confirmed).Select(t => (DateTimeOffset?)t.At).FirstOrDefault()))
                .ToListAsync(cancellationToken));
        }

        return results;
    }
}

public sealed record Confirmation(Guid OrderId, DateTimeOffset SubmittedAt, DateTimeOffset? ConfirmedAt);
