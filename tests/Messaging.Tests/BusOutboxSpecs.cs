using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Tests;

/// <summary>Publishing from outside a consumer (as the Api does) goes through the PostgreSQL bus outbox.</summary>
[TestFixture]
public sealed class BusOutboxSpecs : MessagingFixture
{
    /// <summary>Publishes and saves in a transaction of its own scope; <paramref name="whileOpen"/> runs before it ends.</summary>
    private async Task PublishInTransaction(string key, bool commit, Func<Task>? whileOpen = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await publish.Publish(new RecordEffect(key));
        await db.SaveChangesAsync();
        if (whileOpen is not null)
        {
            await whileOpen();
        }

        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    private async Task<int> UnsentOutboxes()
    {
        await using var db = Db();
        return await db.Set<OutboxState>().CountAsync();
    }

    [Test]
    public async Task A_committed_publish_is_delivered_exactly_once()
    {
        var key = $"committed-{Guid.NewGuid()}";

        await PublishInTransaction(key, commit: true);

        await WaitForEffect(key);
        await Poll.UntilAsync(async () => await UnsentOutboxes() == 0, Deadline, "the outbox to be emptied");
        Assert.That(await EffectCount(key), Is.EqualTo(1));
    }

    [Test]
    public async Task A_rolled_back_publish_is_never_delivered()
    {
        var rolledBack = $"rolled-back-{Guid.NewGuid()}";
        var committed = $"committed-after-{Guid.NewGuid()}";

        await PublishInTransaction(rolledBack, commit: false);
        await PublishInTransaction(committed, commit: true);

        // Once the later, committed publish has been consumed and the outbox is empty, nothing
        // of the rolled-back one is left anywhere that could still deliver it.
        await WaitForEffect(committed);
        await Poll.UntilAsync(async () => await UnsentOutboxes() == 0, Deadline, "the outbox to be emptied");
        Assert.That(await EffectCount(rolledBack), Is.Zero);
    }

    [Test]
    public async Task Nothing_leaves_the_process_before_the_commit()
    {
        var key = $"uncommitted-{Guid.NewGuid()}";
        var beforeCommit = -1;

        await PublishInTransaction(key, commit: true, whileOpen: async () =>
        {
            // A second, committed publish proves the pipeline is moving while the first one waits.
            var probe = $"probe-{Guid.NewGuid()}";
            await PublishInTransaction(probe, commit: true);
            await WaitForEffect(probe);
            beforeCommit = await EffectCount(key);
        });
        await WaitForEffect(key);

        Assert.That(beforeCommit, Is.Zero);
    }

    [Test]
    public async Task A_committed_publish_is_sent_by_its_own_scope_and_not_left_to_the_delivery_service()
    {
        // Rows sent from memory are not due for any delivery service before SendTimeout: five
        // minutes here, longer than the test's deadline, so only the scope's own send can deliver.
        using var host = MessagingHost.Build(Database.ConnectionString, VirtualHost.Name, new Dictionary<string, string?> { ["Messaging:SendTimeout"] = "00:05:00" });
        await host.StartAsync();
        var key = $"from-memory-{Guid.NewGuid()}";
        OutboxState committed;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new RecordEffect(key));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            await using var check = Db();
            var outboxId = await check.Set<OutboxMessage>().Where(m => m.Body.Contains(key)).Select(m => m.OutboxId).SingleAsync();
            committed = await check.Set<OutboxState>().AsNoTracking().SingleAsync(o => o.OutboxId == outboxId);
            Assert.That(await EffectCount(key), Is.Zero, "sent as the scope ends, not before");
        }

        await WaitForEffect(key);
        await Poll.UntilAsync(
            async () =>
            {
                await using var check = Db();
                return !await check.Set<OutboxState>().AnyAsync(o => o.OutboxId == committed.OutboxId);
            },
            Deadline,
            "the sent outbox to be removed");
        Assert.Multiple(async () =>
        {
            Assert.That(committed.NextAttemptAt, Is.GreaterThan(committed.Created.AddMinutes(4)), "not due for the delivery service");
            Assert.That(await EffectCount(key), Is.EqualTo(1));
        });
        await host.StopAsync();
    }
}
