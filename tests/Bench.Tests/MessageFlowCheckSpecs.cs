using Commerce.Bench.Measure;

namespace Commerce.Bench.Tests;

/// <summary>The bench fails when the real system and the same-flow baseline move different messages per order.</summary>
public sealed class MessageFlowCheckSpecs
{
    private static readonly Dictionary<string, QueueFlow> Shared = new()
    {
        ["order-state"] = new(5, 5),
        ["send-notification"] = new(3, 3),
    };

    [Test]
    public void A_queue_only_the_real_system_uses_is_a_difference_named_after_it()
    {
        var commerce = new Dictionary<string, QueueFlow>(Shared) { ["scheduler"] = new(2, 2) };

        var differences = MessageFlowCheck.Compare(commerce, Shared);

        Assert.Multiple(() =>
        {
            Assert.That(differences.Select(d => d.Queue), Is.EqualTo(new[] { "scheduler" }));
            Assert.That(differences[0].ToString(), Is.EqualTo("scheduler: commerce 2 published, 2 delivered; same-flow no such queue"));
        });
    }

    [Test]
    public void A_rare_redelivery_is_not_a_different_flow_but_an_extra_message_per_order_is()
    {
        var redelivered = new Dictionary<string, QueueFlow>(Shared) { ["order-state"] = new(5, 5.02) };
        var extra = new Dictionary<string, QueueFlow>(Shared) { ["send-notification"] = new(4, 4) };

        Assert.Multiple(() =>
        {
            Assert.That(MessageFlowCheck.Compare(redelivered, Shared), Is.Empty);
            Assert.That(MessageFlowCheck.Compare(extra, Shared).Select(d => d.Queue), Is.EqualTo(new[] { "send-notification" }));
        });
    }

    [Test]
    public void A_queue_declared_on_one_side_that_took_nothing_is_no_difference()
    {
        var commerce = new Dictionary<string, QueueFlow>(Shared) { ["refund-payment"] = new(0, 0) };

        Assert.That(MessageFlowCheck.Compare(commerce, Shared), Is.Empty);
    }
}
