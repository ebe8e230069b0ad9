using Commerce.Messaging.Outbox;
using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.Messaging.Tests;

/// <summary>
/// A step acknowledges its message before its sent rows are deleted; a process that dies in between
/// leaves committed rows that no redelivery comes for. The stranded-rows sender sends them once they
/// are older than a send may take, and leaves a live step's rows to that step.
/// </summary>
[TestFixture]
public sealed class StrandedOutboxRowsSpecs : MessagingFixture
{
    private StrandedOutboxRowsSender<TestDbContext> Sender =>
        Host.Services.GetServices<IHostedService>().OfType<StrandedOutboxRowsSender<TestDbContext>>().Single();

    /// <summary>
    /// A row exactly as MassTransit's send pipeline writes one: published in a transaction that is
    /// then rolled back, so nothing of it leaves the process.
    /// </summary>
    private async Task<OutboxMessage> WrittenRow(string key)
    {
        var messageId = NewId.NextGuid();
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new RecordEffect(key), c => c.MessageId = messageId);
        await db.SaveChangesAsync();
        var row = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageId == messageId);
        await transaction.RollbackAsync();
        return row;
    }

    /// <summary>What a step that committed, sent and acknowledged leaves when its process dies before the delete.</summary>
    private async Task<Guid> LeaveBehind(OutboxMessage row, DateTime sentTime)
    {
        var stepMessageId = NewId.NextGuid();
        var consumerId = NewId.NextGuid();
        var now = DateTime.UtcNow;
        row.SequenceNumber = 0;
        row.OutboxId = null;
        row.InboxMessageId = stepMessageId;
        row.InboxConsumerId = consumerId;
        row.SentTime = sentTime;
        await using var db = Db();
        db.Add(new InboxState { MessageId = stepMessageId, ConsumerId = consumerId, LockId = NewId.NextGuid(), ReceiveCount = 1, Received = now, Consumed = now });
        db.Add(row);
        await db.SaveChangesAsync();
        return stepMessageId;
    }

    private async Task<int> RowsOf(Guid stepMessageId)
    {
        await using var db = Db();
        return await db.Set<OutboxMessage>().CountAsync(m => m.InboxMessageId == stepMessageId);
    }

    [Test]
    public async Task Rows_a_dead_process_left_after_its_acknowledgement_are_sent_and_deleted()
    {
        var key = $"stranded-{Guid.NewGuid()}";
        var step = await LeaveBehind(await WrittenRow(key), DateTime.UtcNow.AddMinutes(-1));

        // The host's own pass may take them first; either way one pass sends them.
        await Sender.SendStrandedAsync(CancellationToken.None);

        await WaitForEffect(key);
        await Poll.UntilAsync(async () => await RowsOf(step) == 0, Deadline, "the stranded row to be deleted once sent");
        Assert.Multiple(async () =>
        {
            Assert.That(await EffectCount(key), Is.EqualTo(1), "the message reached its consumer once");
            Assert.That(await Sender.SendStrandedAsync(CancellationToken.None), Is.Zero, "nothing is left to send again");
        });
    }

    [Test]
    public async Task A_live_steps_rows_younger_than_a_send_may_take_are_left_to_it()
    {
        var key = $"live-{Guid.NewGuid()}";
        var step = await LeaveBehind(await WrittenRow(key), DateTime.UtcNow);

        var sent = await Sender.SendStrandedAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(sent, Is.Zero, "a row committed just now belongs to a step still sending it");
            Assert.That(await RowsOf(step), Is.EqualTo(1), "the row stays for its step to send and delete");
        });
    }
}
