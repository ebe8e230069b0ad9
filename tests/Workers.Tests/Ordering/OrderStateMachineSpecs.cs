using Commerce.Contracts.Checkout;
using Commerce.Contracts.Fulfillment;
using Commerce.Contracts.Inventory;
using Commerce.Contracts.Notifications;
using Commerce.Contracts.Payments;
using MassTransit;

namespace Commerce.Workers.Tests.Ordering;

[TestFixture]
public sealed class OrderStateMachineSpecs
{
    private static SubmitOrder Submit(Guid id) => new(id, Guid.NewGuid(), "c@example.com", 12.34m, "USD", "pm_card_visa", DateTimeOffset.UtcNow);

    /// <summary>Drives an order to AwaitingPayment and returns the attempt the saga asked to charge.</summary>
    private static async Task<ChargePayment> AwaitingPayment(OrderSagaHarness h, Guid id)
    {
        await h.Publish(Submit(id));
        Assert.That(await h.InState(id, m => m.Reserving), Is.Not.Null);
        await h.Publish(new InventoryReserved(id));
        Assert.That(await h.InState(id, m => m.AwaitingPayment), Is.Not.Null);
        Assert.That(await h.Harness.Sent.Any<ChargePayment>(m => m.Context.Message.OrderId == id), Is.True);
        return h.Harness.Sent.Select<ChargePayment>().Single(m => m.Context.Message.OrderId == id).Context.Message;
    }

    private static async Task Confirmed(OrderSagaHarness h, Guid id)
    {
        var charge = await AwaitingPayment(h, id);
        await h.Publish(new PaymentCaptured(id, charge.AttemptId, "pi_1", charge.AmountMinor));
        Assert.That(await h.InState(id, m => m.Confirmed), Is.Not.Null);
    }

    [Test]
    public async Task A_submitted_order_reserves_its_stock_and_then_asks_for_payment_in_minor_units()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();

        var charge = await AwaitingPayment(h, id);

        Assert.Multiple(async () =>
        {
            Assert.That(await h.SentCount<ReserveInventory>(m => m.OrderId == id), Is.EqualTo(1));
            Assert.That(charge.AmountMinor, Is.EqualTo(1234));
            Assert.That(await h.PublishedStatuses(id, "AwaitingPayment"), Is.EqualTo(new[] { "AwaitingPayment" }));
        });
    }

    [Test]
    public async Task A_capture_confirms_commits_the_stock_requests_fulfilment_and_emails_once()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();

        await Confirmed(h, id);

        Assert.Multiple(async () =>
        {
            Assert.That(await h.SentCount<CommitInventory>(m => m.OrderId == id), Is.EqualTo(1));
            Assert.That(await h.SentCount<RequestFulfillment>(m => m.OrderId == id), Is.EqualTo(1));
            Assert.That(await h.SentCount<SendNotification>(m => m.OrderId == id && m.EventType == "confirmed"), Is.EqualTo(1));
            Assert.That(await h.PublishedStatuses(id, "Confirmed"), Is.EqualTo(new[] { "AwaitingPayment", "Confirmed" }));
        });
    }

    [Test]
    public async Task A_capture_the_saga_did_not_ask_for_never_confirms()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        var charge = await AwaitingPayment(h, id);

        await h.Publish(new PaymentCaptured(id, Guid.NewGuid(), "pi_forged", charge.AmountMinor));
        await h.Publish(new PaymentCaptured(id, charge.AttemptId, "pi_forged", 1));
        await h.Harness.Consumed.Any<PaymentCaptured>(m => m.Context.Message.AmountMinor == 1);

        Assert.That(h.Instance(id).CurrentState, Is.EqualTo("AwaitingPayment"));
    }

    [Test]
    public async Task A_decline_fails_the_payment_and_releases_the_stock()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        var charge = await AwaitingPayment(h, id);

        await h.Publish(new PaymentDeclined(id, charge.AttemptId, "card_declined", "declined"));

        Assert.That(await h.InState(id, m => m.PaymentFailed), Is.Not.Null);
        Assert.That(await h.SentCount<ReleaseInventory>(m => m.OrderId == id), Is.EqualTo(1));
    }

    [Test]
    public async Task Missing_stock_rejects_the_order()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        await h.Publish(Submit(id));
        Assert.That(await h.InState(id, m => m.Reserving), Is.Not.Null);

        await h.Publish(new InventoryReservationFailed(id, "not enough stock"));

        Assert.That(await h.InState(id, m => m.Rejected), Is.Not.Null);
        Assert.That(await h.SentCount<ChargePayment>(m => m.OrderId == id), Is.Zero);
    }

    [Test]
    public async Task No_payment_before_the_deadline_fails_the_order_and_releases_the_stock()
    {
        await using var h = await OrderSagaHarness.StartAsync(paymentDeadline: TimeSpan.FromSeconds(2));
        var id = NewId.NextGuid();
        await AwaitingPayment(h, id);

        Assert.That(await h.InState(id, m => m.PaymentFailed), Is.Not.Null);
        Assert.That(await h.SentCount<ReleaseInventory>(m => m.OrderId == id), Is.EqualTo(1));
    }

    [Test]
    public async Task A_capture_after_the_order_failed_is_refunded()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        var charge = await AwaitingPayment(h, id);
        await h.Publish(new CancelOrder(id, Guid.NewGuid(), DateTimeOffset.UtcNow));
        Assert.That(await h.InState(id, m => m.Cancelled), Is.Not.Null);

        await h.Publish(new PaymentCaptured(id, charge.AttemptId, "pi_late", charge.AmountMinor));

        Assert.That(await h.SentCount<RefundPayment>(m => m.OrderId == id && m.PaymentIntentId == "pi_late"), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_a_confirmed_order_refunds_it_once_and_returns_the_stock()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        await Confirmed(h, id);

        await h.Publish(new CancelOrder(id, Guid.NewGuid(), DateTimeOffset.UtcNow));
        await h.Publish(new CancelOrder(id, Guid.NewGuid(), DateTimeOffset.UtcNow));

        Assert.That(await h.InState(id, m => m.Cancelled), Is.Not.Null);
        Assert.Multiple(async () =>
        {
            Assert.That(await h.SentCount<RefundPayment>(m => m.OrderId == id), Is.EqualTo(1));
            Assert.That(await h.SentCount<ReleaseInventory>(m => m.OrderId == id), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Shipped_then_delivered_reaches_Delivered_with_one_email_each()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        await Confirmed(h, id);

        await h.Publish(new ShipmentDispatched(id, "DHL", "T1", DateTimeOffset.UtcNow));
        Assert.That(await h.InState(id, m => m.Shipped), Is.Not.Null);
        await h.Publish(new ShipmentDelivered(id, "DHL", "T1", DateTimeOffset.UtcNow));

        Assert.That(await h.InState(id, m => m.OrderDelivered), Is.Not.Null);
        Assert.Multiple(async () =>
        {
            Assert.That(await h.SentCount<SendNotification>(m => m.OrderId == id && m.EventType == "shipped"), Is.EqualTo(1));
            Assert.That(await h.SentCount<SendNotification>(m => m.OrderId == id && m.EventType == "delivered"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Delivered_before_dispatched_still_ends_Delivered_with_both_emails()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        await Confirmed(h, id);

        await h.Publish(new ShipmentDelivered(id, "DHL", "T1", DateTimeOffset.UtcNow));
        Assert.That(await h.InState(id, m => m.OrderDelivered), Is.Not.Null);
        await h.Publish(new ShipmentDispatched(id, "DHL", "T1", DateTimeOffset.UtcNow));
        await h.Harness.Consumed.Any<ShipmentDispatched>(m => m.Context.Message.OrderId == id);

        Assert.Multiple(async () =>
        {
            Assert.That(h.Instance(id).CurrentState, Is.EqualTo("OrderDelivered"));
            Assert.That(await h.SentCount<SendNotification>(m => m.OrderId == id && m.EventType == "shipped"), Is.EqualTo(1));
            Assert.That(await h.SentCount<SendNotification>(m => m.OrderId == id && m.EventType == "delivered"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_repeated_submit_starts_nothing_twice()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var id = NewId.NextGuid();
        var submit = Submit(id);

        await h.Publish(submit);
        Assert.That(await h.InState(id, m => m.Reserving), Is.Not.Null);
        await h.Publish(submit);

        Assert.That(await h.SentCount<ReserveInventory>(m => m.OrderId == id), Is.EqualTo(1));
    }
}
