using Commerce.Messaging.Outbox;
using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Messaging.Tests;

/// <summary>
/// A step's sent outbox rows are deleted after its message is acknowledged, in one statement with
/// the other steps' finishing at about the same time; the inbox row the step inserted is already
/// marked consumed by its own transaction.
/// </summary>
[TestFixture]
public sealed class DeliveredOutboxRowsSpecs : MessagingFixture
{
    private async Task<int> StoredRows(Guid inboxMessageId, Guid? consumerId = null)
    {
        await using var db = Db();
        return await db.Set<OutboxMessage>()
            .CountAsync(m => m.InboxMessageId == inboxMessageId && (consumerId == null || m.InboxConsumerId == consumerId));
    }

    [Test]
    public async Task A_step_that_sent_leaves_its_inbox_row_consumed_and_no_outbox_rows()
    {
        var messageId = NewId.NextGuid();
        var key = $"forward-{messageId}";
        var endpoint = await Queue("forward-effect");
        await endpoint.Send(new ForwardEffect(key), context => context.MessageId = messageId);

        await WaitForEffect(key);
        await Poll.UntilAsync(async () => await StoredRows(messageId) == 0, Deadline, "the sent rows to be removed");

        await using var db = Db();
        var inbox = await db.Set<InboxState>().AsNoTracking().SingleAsync(i => i.MessageId == messageId);
        Assert.Multiple(async () =>
        {
            Assert.That(inbox.Consumed, Is.Not.Null, "the step's own transaction marks the message consumed");
            Assert.That(inbox.ReceiveCount, Is.EqualTo(1));
            Assert.That(await EffectCount($"forwarded:{key}"), Is.EqualTo(1), "the consumer ran once");
        });
    }

    [Test]
    public async Task Removing_one_consumers_sent_rows_leaves_another_consumers_rows_of_the_same_message()
    {
        var messageId = NewId.NextGuid();
        var removed = NewId.NextGuid();
        var kept = NewId.NextGuid();
        await using (var db = Db())
        {
            foreach (var consumerId in new[] { removed, kept })
            {
                db.Add(new InboxState { MessageId = messageId, ConsumerId = consumerId, LockId = NewId.NextGuid(), ReceiveCount = 1, Received = DateTime.UtcNow, Consumed = DateTime.UtcNow });
                db.Add(new OutboxMessage
                {
                    MessageId = NewId.NextGuid(),
                    InboxMessageId = messageId,
                    InboxConsumerId = consumerId,
                    ContentType = "application/vnd.masstransit+json",
                    MessageType = "urn:message:Test",
                    Body = "{}",
                    SentTime = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }

        await Host.Services.GetRequiredService<DeliveredOutboxRowsRemover<TestDbContext>>().RemoveConsumed(messageId, removed);

        await Poll.UntilAsync(async () => await StoredRows(messageId, removed) == 0, Deadline, "the queued delete of the sent row");
        Assert.That(await StoredRows(messageId, kept), Is.EqualTo(1), "the other consumer has not sent its row yet");
    }
}
