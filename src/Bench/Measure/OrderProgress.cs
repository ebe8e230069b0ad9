using Commerce.Persistence;
using Commerce.Persistence.Orders;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Bench.Measure;

/// <summary>What the system did with the accepted orders, read from its own database.</summary>
public static class OrderProgress
{
    private static readonly string[] BeforePayment = [OrderStatus.Submitted, OrderStatus.AwaitingPayment];

    /// <summary>Orders the saga has not yet taken past payment (the bench's "still in flight").</summary>
    public static Task<int> InFlightAsync(CommerceDbContext db, CancellationToken cancellationToken) =>
        db.Orders.CountAsync(o => BeforePayment.Contains(o.Status), cancellationToken);

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
