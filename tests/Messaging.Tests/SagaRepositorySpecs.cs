using Commerce.Messaging.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Tests;

/// <summary>The pessimistic PostgreSQL saga repository under concurrent events.</summary>
[TestFixture]
public sealed class SagaRepositorySpecs : MessagingFixture
{
    [Test]
    public async Task Two_initial_events_at_once_make_one_instance_that_saw_both()
    {
        var id = Guid.NewGuid();

        await Task.WhenAll(Bus.Publish(new StartSaga(id)), Bus.Publish(new StartSaga(id)));

        await WaitForSaga(id, s => s.StartCount == 2, "both start events to be applied");
        await using var db = Db();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.Sagas.CountAsync(s => s.CorrelationId == id), Is.EqualTo(1));
            Assert.That(await FaultedMessages(), Is.Zero);
        });
    }

    [Test]
    public async Task Concurrent_events_in_any_order_bring_every_saga_to_its_final_state()
    {
        const int sagas = 200;
        var ids = Enumerable.Range(0, sagas).Select(_ => Guid.NewGuid()).ToList();
        var events = ids.SelectMany(id => new object[] { new StartSaga(id), new StepDone(id, 1), new StepDone(id, 2), new StepDone(id, 4) })
            .OrderBy(_ => Random.Shared.Next())
            .ToList();

        await Task.WhenAll(events.Select(e => Bus.Publish(e)));

        await Poll.UntilAsync(
            async () =>
            {
                await using var db = Db();
                var completed = await db.Sagas.CountAsync(s => ids.Contains(s.CorrelationId) && s.CurrentState == "Completed");
                TestContext.Progress.WriteLine($"completed {completed}/{sagas}, faulted {await FaultedMessages()}");
                return completed == sagas;
            },
            TimeSpan.FromMinutes(3),
            $"all {sagas} sagas to complete");

        await using var check = Db();
        var states = await check.Sagas.Where(s => ids.Contains(s.CorrelationId)).ToListAsync();
        foreach (var id in ids)
        {
            await WaitForEffect($"completed:{id}");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(states, Has.Count.EqualTo(sagas));
            Assert.That(states, Has.All.Matches<TestSagaState>(s => s.Steps == TestStateMachine.AllSteps && s.StepEvents == 3 && s.StartCount <= 1));
            Assert.That(await FaultedMessages(), Is.Zero);
        });
    }
}
