using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Maintenance;

/// <summary>Bus-outbox transactions committed but not yet sent, and the age of the oldest (0 when none).</summary>
public readonly record struct OutboxBacklog(long Pending, double OldestAgeSeconds)
{
    /// <summary>Read from the <see cref="OutboxState"/> rows; for the backlog gauges and <c>commerce status</c>.</summary>
    public static async Task<OutboxBacklog> ReadAsync(DbContext db, DateTime utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = await db.Set<OutboxState>().LongCountAsync(cancellationToken);
        var oldest = await db.Set<OutboxState>().MinAsync(s => (DateTime?)s.Created, cancellationToken);
        return new OutboxBacklog(pending, oldest is { } created ? Math.Max(0, (utcNow - created).TotalSeconds) : 0);
    }
}
