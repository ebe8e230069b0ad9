using Commerce.Messaging.Storage;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Saga;

/// <summary>Loads a saga instance with <c>FOR UPDATE</c>: the row lock is what serialises events for one saga.</summary>
internal sealed class SagaLockSql<TSaga>
    where TSaga : class, ISaga
{
    private readonly DbContext _db;
    private readonly string _lock;

    public SagaLockSql(DbContext db)
    {
        _db = db;
        var n = new StoreNames<TSaga>(db);
        _lock = $"SELECT * FROM {n.Table} WHERE {n.Column(s => s.CorrelationId)} = {{0}} FOR UPDATE";
    }

    public Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken) =>
        _db.Set<TSaga>().FromSqlRaw(_lock, correlationId).AsTracking().SingleOrDefaultAsync(cancellationToken);
}
