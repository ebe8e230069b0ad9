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
        _lock = PerModel<Statement>.Get(db, d =>
        {
            var n = new StoreNames<TSaga>(d);
            return new Statement($"SELECT * FROM {n.Table} WHERE {n.Column(s => s.CorrelationId)} = {{0}} FOR UPDATE");
        }).Text;
    }

    /// <summary>The statement of one saga type in one model (<see cref="PerModel{TValue}"/>).</summary>
    private sealed record Statement(string Text);

    public Task<TSaga?> LoadAsync(Guid correlationId, CancellationToken cancellationToken) =>
        _db.Set<TSaga>().FromSqlRaw(_lock, correlationId).AsTracking().SingleOrDefaultAsync(cancellationToken);
}
