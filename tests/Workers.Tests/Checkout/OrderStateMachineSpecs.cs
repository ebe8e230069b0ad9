using System.Diagnostics.Metrics;
using Commerce.Contracts.Checkout;
using Commerce.Contracts.Fulfillment;
using Commerce.Contracts.Inventory;
using Commerce.Contracts.Notifications;
using Commerce.Contracts.Payments;
using Commerce.Persistence.Orders;
using Commerce.ServiceDefaults;
using Commerce.Workers.Checkout;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Checkout;

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
            Assert.That(await h.RecordedStatuses(id, "AwaitingPayment"), Is.EqualTo(new[] { "AwaitingPayment" }));
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
            Assert.That(await h.RecordedStatuses(id, "Confirmed"), Is.EqualTo(new[] { "AwaitingPayment", "Confirmed" }));
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

    [Test]
    public async Task Every_message_the_saga_consumes_is_timed_with_the_state_before_and_a_failing_one_is_counted()
    {
        await using var h = await OrderSagaHarness.StartAsync();
        var meters = h.Services.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, CommerceTelemetry.MeterName, "commerce.saga.step.duration");
        using var failures = new MetricCollector<long>(meters, CommerceTelemetry.MeterName, "commerce.saga.step.failures");
        var id = NewId.NextGuid();

        await AwaitingPayment(h, id);
        // Not expected while awaiting payment: the state machine throws (an unhandled event).
        await h.Publish(new InventoryReserved(id));

        static bool Step(CollectedMeasurement<double> m, string messageType, string state, string outcome) =>
            m.Tags["saga"] as string == nameof(OrderState) && m.Tags["message_type"] as string == messageType
            && m.Tags["state"] as string == state && m.Tags["outcome"] as string == outcome && m.Value >= 0;
        await Poll.UntilAsync(
            // The duration is recorded before the failure counter: wait for both.
            () => Task.FromResult(durations.GetMeasurementSnapshot().Any(m => Step(m, nameof(InventoryReserved), "AwaitingPayment", "failed"))
                && failures.GetMeasurementSnapshot().Count > 0),
            TimeSpan.FromSeconds(10),
            "the failed step's duration and failure count");

        var timed = durations.GetMeasurementSnapshot();
        var failed = failures.GetMeasurementSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(timed.Count(m => Step(m, nameof(SubmitOrder), "Initial", "ok")), Is.EqualTo(1), "the submit that created the instance");
            Assert.That(timed.Count(m => Step(m, nameof(InventoryReserved), "Reserving", "ok")), Is.EqualTo(1));
            Assert.That(timed.Count(m => Step(m, nameof(InventoryReserved), "AwaitingPayment", "failed")), Is.EqualTo(1));
            Assert.That(failed, Has.Count.EqualTo(1));
            Assert.That(failed.Single().Value, Is.EqualTo(1));
            Assert.That(failed.Single().Tags["message_type"], Is.EqualTo(nameof(InventoryReserved)));
            Assert.That(failed.Single().Tags["state"], Is.EqualTo("AwaitingPayment"));
            Assert.That(failed.Single().Tags["exception_type"], Is.EqualTo(nameof(UnhandledEventException)));
        });
    }

    [Test]
    public void The_terminal_states_of_the_stuck_order_query_are_the_states_the_machine_never_leaves()
    {
        var machine = new OrderStateMachine(Options.Create(new CheckoutOptions()));
        var left = machine.Transitions().Where(t => t.To != t.From).Select(t => t.From).ToHashSet(StringComparer.Ordinal);

        var neverLeft = machine.States.Select(s => s.Name).Where(s => s is not "Initial" and not "Final" && !left.Contains(s));

        Assert.That(neverLeft, Is.EquivalentTo(OrderState.TerminalStates.Where(s => s != "Final")));
    }
}
