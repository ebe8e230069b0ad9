using Commerce.LocalSystem;
using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Commerce.Messaging.Tests;

/// <summary>
/// A consumer marked <see cref="Outbox.IConsumesOutsideTransaction"/> makes its provider call before
/// the step's transaction: a slow provider holds no inbox lock (nor connection), and the claim that
/// follows still lets the message take effect once.
/// </summary>
[TestFixture]
public sealed class OutsideTransactionConsumeSpecs : MessagingFixture
{
    private const string ConsumerQueue = "provider-call";

    private async Task SendWithId(Guid messageId, string key)
    {
        var endpoint = await Queue(ConsumerQueue);
        await endpoint.Send(new CallProvider(key), context => context.MessageId = messageId);
    }

    private async Task<InboxState?> InboxRow(Guid messageId)
    {
        await using var db = Db();
        return await db.Set<InboxState>().AsNoTracking().SingleOrDefaultAsync(i => i.MessageId == messageId);
    }

    /// <summary>The (message, consumer) key's insert lock is free: an insert of it does not wait (it is rolled back).</summary>
    private async Task AssertInboxKeyNotLocked(Guid messageId, Guid consumerId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // A step that claimed the key first holds its uncommitted insert: this one would wait on it
        // and fail after the timeout. Not waiting is what the spec asserts, so the timeout only
        // bounds the failing case.
        await using (var timeout = new NpgsqlCommand("SET LOCAL lock_timeout = '5s'", connection, transaction))
        {
            await timeout.ExecuteNonQueryAsync();
        }

        await using var insert = new NpgsqlCommand(
            """INSERT INTO "InboxState" ("MessageId", "ConsumerId", "LockId", "Received", "ReceiveCount") VALUES ($1, $2, $3, now(), 0) ON CONFLICT DO NOTHING""",
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = messageId });
        insert.Parameters.Add(new NpgsqlParameter { Value = consumerId });
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        Assert.That(await insert.ExecuteNonQueryAsync(), Is.EqualTo(1), "no inbox row may exist while the provider call is in flight");
        await transaction.RollbackAsync();
    }

    private async Task<Guid> ConsumerIdOfProviderCalls()
    {
        var messageId = NewId.NextGuid();
        var key = $"warm-up-{messageId}";
        ProviderGate.For(key).Released.TrySetResult();
        await SendWithId(messageId, key);
        await WaitForEffect(key);
        return (await InboxRow(messageId))!.ConsumerId;
    }

    [Test]
    public async Task While_its_provider_call_is_in_flight_the_step_holds_no_inbox_lock_and_then_takes_effect_once()
    {
        var consumerId = await ConsumerIdOfProviderCalls();
        var messageId = NewId.NextGuid();
        var key = $"slow-{messageId}";
        var gate = ProviderGate.For(key);

        await SendWithId(messageId, key);
        await gate.Entered.Task.WaitAsync(Deadline);
        await AssertInboxKeyNotLocked(messageId, consumerId);
        gate.Released.TrySetResult();
        await WaitForEffect(key);

        var inbox = await InboxRow(messageId);
        Assert.Multiple(async () =>
        {
            Assert.That(inbox?.Consumed, Is.Not.Null, "the claim after the call commits the message consumed");
            Assert.That(inbox?.ReceiveCount, Is.EqualTo(1));
            Assert.That(await EffectCount(key), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_copy_that_finds_the_message_consumed_repeats_the_call_and_sends_nothing_more()
    {
        var messageId = NewId.NextGuid();
        var key = $"copy-{messageId}";
        var gate = ProviderGate.For(key);
        gate.Released.TrySetResult();

        await SendWithId(messageId, key);
        await WaitForEffect(key);
        await SendWithId(messageId, key);

        // The copy repeats the call (the provider's idempotency key makes that harmless), then finds
        // the claim taken. Once both queues are empty (exact depths, unacknowledged included), any
        // message the copy had sent would have been counted.
        await Poll.UntilAsync(() => Task.FromResult(gate.Calls >= 2), Deadline, "the copy to reach the provider");
        await Poll.UntilAsync(async () => await QueuesEmpty(ConsumerQueue, "record-effect"), Deadline, "both queues to drain");
        Assert.Multiple(async () =>
        {
            Assert.That(await EffectCount(key), Is.EqualTo(1), "the copy's message is dropped with its rolled-back claim");
            Assert.That((await InboxRow(messageId))?.ReceiveCount, Is.EqualTo(2), "each copy counted once");
            Assert.That(await FaultedMessages(), Is.Zero);
        });
    }

    private async Task<bool> QueuesEmpty(params string[] queues)
    {
        var depths = await LocalRabbitMq.QueueDepthsAsync(VirtualHost.Name);
        return queues.All(q => depths.TryGetValue(q, out var d) && d.Ready == 0 && d.Unacknowledged == 0);
    }
}
