using Commerce.Messaging.Storage;
using Commerce.Messaging.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Tests;

/// <summary>A message delivered more than once (broker redelivery, a replayed dead letter) takes effect once.</summary>
[TestFixture]
public sealed class InboxSpecs : MessagingFixture
{
    private const string ConsumerQueue = "record-effect";

    private async Task<int> Receipts(Guid messageId)
    {
        await using var db = Db();
        return await db.Set<InboxState>().Where(i => i.MessageId == messageId).SumAsync(i => i.ReceiveCount);
    }

    private async Task SendWithId(Guid messageId, string key)
    {
        var endpoint = await Queue(ConsumerQueue);
        await endpoint.Send(new RecordEffect(key), context => context.MessageId = messageId);
    }

    [Test]
    public async Task The_same_message_delivered_twice_takes_effect_once()
    {
        var messageId = NewId.NextGuid();
        var key = $"twice-{messageId}";

        await SendWithId(messageId, key);
        await WaitForEffect(key);
        await SendWithId(messageId, key);

        await Poll.UntilAsync(async () => await Receipts(messageId) >= 2, Deadline, "the second delivery to be received");
        Assert.That(await EffectCount(key), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_message_delivered_twice_at_once_takes_effect_once()
    {
        var messageId = NewId.NextGuid();
        var key = $"concurrent-{messageId}";

        await Task.WhenAll(SendWithId(messageId, key), SendWithId(messageId, key), SendWithId(messageId, key));

        await Poll.UntilAsync(async () => await Receipts(messageId) >= 3, Deadline, "all three deliveries to be received");
        Assert.Multiple(async () =>
        {
            Assert.That(await EffectCount(key), Is.EqualTo(1));
            Assert.That(await FaultedMessages(), Is.Zero, "no delivery may end in an _error queue");
        });
    }
}
