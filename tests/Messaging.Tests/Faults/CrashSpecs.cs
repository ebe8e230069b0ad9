using Commerce.LocalSystem;
using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Tests.Faults;

/// <summary>
/// Crashes and outages with real processes and the real broker. These change the shared RabbitMQ
/// node, so they run after every other suite, one at a time.
/// </summary>
[TestFixture]
[Category(FaultTests.Category)]
[NonParallelizable]
public sealed class CrashSpecs
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private ThrowawayDatabase _database = null!;
    private ThrowawayVirtualHost _virtualHost = null!;

    [SetUp]
    public async Task Create()
    {
        _database = await MessagingHost.CreateDatabaseAsync("faults");
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("faults");
    }

    [TearDown]
    public async Task Drop()
    {
        await LocalRabbitMq.UnblockPublishersAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<int> EffectCount(string key)
    {
        await using var db = MessagingHost.CreateContext(_database.ConnectionString);
        return await db.Effects.Where(e => e.Key == key).Select(e => e.Count).SingleOrDefaultAsync();
    }

    private async Task<InboxState?> Inbox(Guid messageId)
    {
        await using var db = MessagingHost.CreateContext(_database.ConnectionString);
        return await db.Set<InboxState>().AsNoTracking().FirstOrDefaultAsync(i => i.MessageId == messageId);
    }

    [Test]
    public async Task A_worker_killed_between_its_commit_and_its_publish_loses_nothing_and_repeats_nothing()
    {
        // A first worker declares the topology; then the message waits in the queue, unconsumed.
        await using (var declaring = WorkerProcesses.Start(_database.ConnectionString, _virtualHost.Name))
        {
            await WorkerProcesses.WaitForConsumers(_virtualHost, "forward-effect", 1);
        }

        var key = $"crash-{Guid.NewGuid()}";
        var messageId = NewId.NextGuid();
        using (var publisher = MessagingHost.BuildPublisher(_virtualHost.Name))
        {
            await publisher.StartAsync();
            var endpoint = await publisher.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:forward-effect"));
            await endpoint.Send(new ForwardEffect(key), c => c.MessageId = messageId);
            await publisher.StopAsync();
        }

        // With publishers blocked, the worker consumes and commits, then hangs on its first publish:
        // it is held inside the window between the database commit and the broker publish.
        await LocalRabbitMq.BlockPublishersAsync();
        var victim = WorkerProcesses.Start(_database.ConnectionString, _virtualHost.Name);
        await Poll.UntilAsync(async () => await Inbox(messageId) is { Consumed: not null }, Deadline, "the consumer's commit");
        var atCrash = await Inbox(messageId);
        await victim.KillAsync();
        await victim.DisposeAsync();
        await LocalRabbitMq.UnblockPublishersAsync();

        await using var survivor = WorkerProcesses.Start(_database.ConnectionString, _virtualHost.Name);
        await Poll.UntilAsync(async () => await EffectCount(key) == 1, Deadline, "the downstream effect after the restart");
        await Poll.UntilAsync(async () => await Inbox(messageId) is { Delivered: not null }, Deadline, "the outbox to finish");

        Assert.Multiple(async () =>
        {
            Assert.That(atCrash!.LastSequenceNumber, Is.Null, "nothing had been published when the worker died");
            Assert.That(await EffectCount(key), Is.EqualTo(1), "downstream effect");
            Assert.That(await EffectCount($"forwarded:{key}"), Is.EqualTo(1), "the consumer ran once");
        });
    }

    [Test]
    public async Task A_commit_while_RabbitMQ_is_down_is_published_exactly_once_after_it_returns()
    {
        using var host = MessagingHost.Build(_database.ConnectionString, _virtualHost.Name);
        await host.StartAsync();
        var key = $"outage-{Guid.NewGuid()}";
        var outage = System.Diagnostics.Stopwatch.StartNew();
        await LocalRabbitMq.StopAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new RecordEffect(key));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            // The outage lasts at least 30 s and the delivery service keeps failing and backing off.
            await Poll.UntilAsync(
                async () =>
                {
                    await using var check = MessagingHost.CreateContext(_database.ConnectionString);
                    return outage.Elapsed >= TimeSpan.FromSeconds(30) && await check.Set<OutboxState>().AnyAsync(o => o.DeliveryAttempts >= 2);
                },
                Deadline,
                "failed delivery attempts during a 30 s outage");
        }
        finally
        {
            await LocalRabbitMq.StartAsync();
        }

        await Poll.UntilAsync(async () => await EffectCount(key) >= 1, Deadline, "the publish after RabbitMQ returned");
        await Poll.UntilAsync(
            async () =>
            {
                await using var check = MessagingHost.CreateContext(_database.ConnectionString);
                return !await check.Set<OutboxState>().AnyAsync();
            },
            Deadline,
            "the outbox to be emptied");
        Assert.That(await EffectCount(key), Is.EqualTo(1));
        await host.StopAsync();
    }

    [Test]
    public async Task Three_workers_bring_1000_sagas_with_concurrent_events_to_their_final_state()
    {
        const int sagas = 1000;
        var workers = Enumerable.Range(0, 3).Select(_ => WorkerProcesses.Start(_database.ConnectionString, _virtualHost.Name)).ToList();
        try
        {
            await WorkerProcesses.WaitForConsumers(_virtualHost, "test-saga-state", 3);
            var ids = Enumerable.Range(0, sagas).Select(_ => Guid.NewGuid()).ToList();
            var events = ids.SelectMany(id => new object[] { new StartSaga(id), new StepDone(id, 1), new StepDone(id, 2), new StepDone(id, 4) })
                .OrderBy(_ => Random.Shared.Next())
                .ToList();
            using (var publisher = MessagingHost.BuildPublisher(_virtualHost.Name))
            {
                await publisher.StartAsync();
                var bus = publisher.Services.GetRequiredService<IBus>();
                await Task.WhenAll(events.Select(e => bus.Publish(e)));
                await publisher.StopAsync();
            }

            await Poll.UntilAsync(
                async () =>
                {
                    var faulted = await _virtualHost.FaultedQueuesAsync();
                    if (faulted.Count > 0)
                    {
                        var queue = faulted[0].Name;
                        var peeked = await _virtualHost.Management.PeekAsync(_virtualHost.Name, queue, 1, truncateBytes: 1024, CancellationToken.None);
                        var headers = (peeked.Count > 0 ? peeked[0].Properties.Headers : null) ?? [];
                        Assert.Fail($"{faulted.Sum(q => q.Messages)} message(s) ended in {queue}: {string.Join("; ", headers.Select(h => $"{h.Key}={h.Value}"))}");
                    }

                    await using var db = MessagingHost.CreateContext(_database.ConnectionString);
                    return await db.Sagas.CountAsync(s => s.CurrentState == "Completed") == sagas;
                },
                TimeSpan.FromMinutes(5),
                $"all {sagas} sagas to complete on three workers");

            await using var check = MessagingHost.CreateContext(_database.ConnectionString);
            var states = await check.Sagas.AsNoTracking().ToListAsync();
            Assert.Multiple(() =>
            {
                Assert.That(states, Has.Count.EqualTo(sagas));
                Assert.That(states, Has.All.Matches<TestSagaState>(s => s.Steps == TestStateMachine.AllSteps && s.StepEvents == 3 && s.StartCount <= 1));
                Assert.That(workers, Has.None.Matches<ChildProcess>(w => w.HasExited));
            });
        }
        finally
        {
            foreach (var worker in workers)
            {
                var id = worker.Pid;
                await worker.DisposeAsync();
                var output = worker.Output;
                await TestContext.Out.WriteLineAsync($"--- worker {id} ---\n{output[..Math.Min(output.Length, 20000)]}");
            }
        }
    }
}
