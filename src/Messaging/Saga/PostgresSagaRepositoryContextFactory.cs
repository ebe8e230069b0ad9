using System.Data;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Saga;

/// <summary>
/// MassTransit's saga repository on PostgreSQL, pessimistic: an event loads its instance with
/// <c>SELECT … FOR UPDATE</c> under READ COMMITTED, so two events for one saga run one after the
/// other, on any number of Workers. Behind the outbox it joins the outbox's transaction (same
/// scoped DbContext), so saga state and the messages the saga sends commit together.
/// </summary>
public sealed class PostgresSagaRepositoryContextFactory<TDbContext, TSaga>(TDbContext db, ISagaConsumeContextFactory<TDbContext, TSaga> consumeContextFactory) :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISaga
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return WithinTransaction(async () =>
        {
            using var repositoryContext = new PostgresSagaRepositoryContext<TDbContext, TSaga, T>(db, context, consumeContextFactory);
            await next.Send(repositoryContext);
        }, context.CancellationToken);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(next);
        return WithinTransaction(async () =>
        {
            // Find the ids without locks, then lock each instance as it is loaded.
            var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(s => s.CorrelationId).ToListAsync(context.CancellationToken);
            var lockSql = new SagaLockSql<TSaga>(db);
            var instances = new List<TSaga>(ids.Count);
            foreach (var id in ids)
            {
                if (await lockSql.LoadAsync(id, context.CancellationToken) is { } instance)
                {
                    instances.Add(instance);
                }
            }

            using var repositoryContext = new PostgresSagaRepositoryContext<TDbContext, TSaga, T>(db, context, consumeContextFactory);
            await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
        }, context.CancellationToken);
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return asyncMethod(new PostgresSagaQueryContext<TSaga>(db, cancellationToken));
    }

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return asyncMethod(new PostgresSagaQueryContext<TSaga>(db, cancellationToken));
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Add("persistence", "postgres");
        context.Add("locking", "pessimistic (SELECT … FOR UPDATE, READ COMMITTED)");
    }

    /// <summary>Joins the outbox's transaction when there is one; otherwise runs in its own.</summary>
    private async Task WithinTransaction(Func<Task> body, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await body();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await body();
        await transaction.CommitAsync(cancellationToken);
    }
}
