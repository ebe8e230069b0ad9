using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Saga;

/// <summary>What the state machine does to its instance, mapped onto the scoped DbContext.</summary>
public sealed class PostgresSagaRepositoryContext<TDbContext, TSaga, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>,
    IDisposable
    where TDbContext : DbContext
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly TDbContext _db;
    private readonly ConsumeContext<TMessage> _context;
    private readonly ISagaConsumeContextFactory<TDbContext, TSaga> _factory;
    private readonly SagaLockSql<TSaga> _lockSql;

    // SaveChanges is not thread-safe; a state machine may complete activities concurrently.
    private readonly SemaphoreSlim _saving = new(1);

    public PostgresSagaRepositoryContext(TDbContext db, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<TDbContext, TSaga> factory)
        : base(context, db)
    {
        _db = db;
        _context = context;
        _factory = factory;
        _lockSql = new SagaLockSql<TSaga>(db);
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_db, _context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        // Not used by state machines unless InsertOnInitial is set; a failed INSERT would abort the
        // whole PostgreSQL transaction, so this runs inside a savepoint it can roll back to.
        ArgumentNullException.ThrowIfNull(instance);
        var transaction = _db.Database.CurrentTransaction ?? throw new InvalidOperationException("Insert needs a transaction");
        const string savepoint = "saga_insert";
        await transaction.CreateSavepointAsync(savepoint, CancellationToken);
        var entry = _db.Set<TSaga>().Add(instance);
        try
        {
            await _db.SaveChangesAsync(CancellationToken);
            return await _factory.CreateSagaConsumeContext(_db, _context, instance, SagaConsumeContextMode.Insert);
        }
        catch (DbUpdateException)
        {
            entry.State = EntityState.Detached;
            await transaction.RollbackToSavepointAsync(savepoint, CancellationToken);
            return null!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _lockSql.LoadAsync(correlationId, CancellationToken);
        return instance is null ? null! : await _factory.CreateSagaConsumeContext(_db, _context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => SaveChanges(context, () => _db.Set<TSaga>().Add(context.Saga));

    public Task Update(SagaConsumeContext<TSaga> context) => SaveChanges(context, () => { });

    public Task Delete(SagaConsumeContext<TSaga> context) => SaveChanges(context, () => _db.Set<TSaga>().Remove(context.Saga));

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entry = _db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => e.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null)
        {
            entry.State = EntityState.Unchanged;
        }

        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class => _factory.CreateSagaConsumeContext(_db, consumeContext, instance, mode);

    public void Dispose() => _saving.Dispose();

    private async Task SaveChanges(SagaConsumeContext<TSaga> context, Action change)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _saving.WaitAsync(context.CancellationToken);
        try
        {
            change();
            await _db.SaveChangesAsync(CancellationToken);
        }
        finally
        {
            _saving.Release();
        }
    }
}
