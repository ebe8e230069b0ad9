using Commerce.Bench.Chaos;
using Commerce.Bench.Load;

namespace Commerce.Bench.Tests;

/// <summary>The checker must see each kind of violation it claims to count, or a green chaos run means nothing.</summary>
public sealed class InvariantCheckerSpecs
{
    private static readonly Guid Product = Guid.NewGuid();

    [Test]
    public void A_consistent_history_has_no_violations()
    {
        var (history, observed) = Delivered(3);

        var results = InvariantChecker.Check(history, observed, Stock(3));

        Assert.That(results.Sum(r => r.Violations), Is.Zero, string.Join("; ", results.SelectMany(r => r.Examples)));
        Assert.That(results.Select(r => r.Id), Is.EqualTo(new[] { "I1", "I2", "I3", "I4", "I5", "I6", "I7" }));
    }

    [Test]
    public void An_accepted_order_that_is_missing_is_lost()
    {
        var (history, observed) = Delivered(3);
        observed = observed with { Orders = observed.Orders.Skip(1).ToList() };

        Assert.That(Result(history, observed, "I1").LostCount, Is.EqualTo(1));
    }

    [Test]
    public void An_order_left_in_payment_is_stuck()
    {
        var (history, observed) = Delivered(2);
        observed = observed with { Orders = [observed.Orders[0] with { Status = "AwaitingPayment", TerminalEntries = 0 }, observed.Orders[1]] };

        Assert.That(Result(history, observed, "I1").StuckCount, Is.EqualTo(1));
    }

    [Test]
    public void A_second_capture_is_a_duplicate_charge()
    {
        var (history, observed) = Delivered(2);
        var orderId = observed.Orders[0].Id.ToString();
        observed = observed with { PaymentIntents = [.. observed.PaymentIntents, new ObservedPaymentIntent("pi_extra", orderId, 1250, 0, "succeeded")] };

        var result = Result(history, observed, "I4");

        Assert.That(result.DuplicatedCount, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.Violations, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void A_capture_for_a_rejected_order_is_a_violation()
    {
        var (history, observed) = Delivered(1);
        observed = observed with { Orders = [observed.Orders[0] with { Status = "Rejected", WasConfirmed = false }], Mail = [Mail(observed.Orders[0].Id, "rejected")], Fulfillments = [], Stock = [new ObservedStock(Product, 1, 0, 0)] };

        Assert.That(Result(history, observed, "I4").Violations, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Stock_that_does_not_add_up_is_lost()
    {
        var (history, observed) = Delivered(2);
        observed = observed with { Stock = [new ObservedStock(Product, 0, 0, 1)] };

        Assert.That(Result(history, observed, "I3").LostCount, Is.EqualTo(1));
    }

    [Test]
    public void Duplicate_emails_beyond_the_plan_s_tolerance_are_violations()
    {
        var (history, observed) = Delivered(2);
        observed = observed with { Mail = [.. observed.Mail, Mail(observed.Orders[0].Id, "confirmed")] };

        var result = Result(history, observed, "I5");

        Assert.That(result.DuplicatedCount, Is.EqualTo(1));
        Assert.That(result.Violations, Is.EqualTo(1), "six emails tolerate no duplicate (0.5 % of 6 rounds down to 0)");
    }

    [Test]
    public void A_phantom_order_and_leftover_messages_are_reported()
    {
        var (history, observed) = Delivered(1);
        observed = observed with { Orders = [.. observed.Orders, observed.Orders[0] with { Id = Guid.NewGuid(), IdempotencyKey = "never-sent" }], DeadLetters = 2, OpenSagas = 1 };

        Assert.Multiple(() =>
        {
            Assert.That(Result(history, observed, "I2").OtherCount, Is.EqualTo(1));
            Assert.That(Result(history, observed, "I7").Violations, Is.EqualTo(3));
        });
    }

    [Test]
    public void Backlog_left_while_still_draining_is_reported_apart_from_violations()
    {
        var (history, observed) = Delivered(3);
        var behind = observed.Orders[0];
        // Captured and sent to the warehouse, but the saga's next steps and the emails are still queued.
        observed = observed with
        {
            Orders = [behind with { Status = "AwaitingPayment", TerminalEntries = 0, WasConfirmed = false }, .. observed.Orders.Skip(1)],
            Mail = observed.Mail.Where(m => m.OrderId != behind.Id.ToString()).ToList(),
            Stock = [new ObservedStock(Product, 0, 1, 2)],
            QueuedMessages = 12,
            OpenSagas = 1,
        };

        var draining = InvariantChecker.Check(history, observed, Stock(3), draining: true);
        var concluded = InvariantChecker.Check(history, observed, Stock(3));

        Assert.Multiple(() =>
        {
            Assert.That(draining.Sum(r => r.Violations), Is.Zero, string.Join("; ", draining.SelectMany(r => r.Examples)));
            Assert.That(draining.Single(r => r.Id == "I1").DrainingCount, Is.EqualTo(1), "the order not yet final");
            Assert.That(draining.Single(r => r.Id == "I7").DrainingCount, Is.EqualTo(13), "12 queued, 1 saga open");
            Assert.That(concluded.Sum(r => r.Violations), Is.GreaterThanOrEqualTo(15), "the same leftovers after a quiescence wait that stalled");
            Assert.That(concluded.Sum(r => r.DrainingCount), Is.Zero);
        });
    }

    [Test]
    public void Duplicates_and_dead_letters_are_violations_even_while_draining()
    {
        var (history, observed) = Delivered(2);
        var orderId = observed.Orders[0].Id;
        observed = observed with
        {
            PaymentIntents = [.. observed.PaymentIntents, new ObservedPaymentIntent("pi_extra", orderId.ToString(), 1250, 0, "succeeded")],
            Mail = [.. observed.Mail, Mail(orderId, "shipped")],
            DeadLetters = 2,
            QueuedMessages = 5,
        };

        var results = InvariantChecker.Check(history, observed, Stock(2), draining: true);

        Assert.Multiple(() =>
        {
            Assert.That(results.Single(r => r.Id == "I4").DuplicatedCount, Is.GreaterThanOrEqualTo(1), "a second PaymentIntent");
            Assert.That(results.Single(r => r.Id == "I5").Violations, Is.EqualTo(1), "a second email cannot be unsent");
            Assert.That(results.Single(r => r.Id == "I7").LostCount, Is.EqualTo(2), "nothing drains an _error queue");
            Assert.That(results.Single(r => r.Id == "I7").DrainingCount, Is.EqualTo(5));
        });
    }

    private static InvariantResult Result(IReadOnlyList<HistoryEntry> history, Observed observed, string id) =>
        InvariantChecker.Check(history, observed, Stock(history.Count)).Single(r => r.Id == id);

    private static Dictionary<Guid, int> Stock(int sold) => new() { [Product] = sold };

    /// <summary>A history of <paramref name="count"/> accepted orders, each delivered, charged once, emailed thrice, fulfilled once.</summary>
    private static (IReadOnlyList<HistoryEntry>, Observed) Delivered(int count)
    {
        var history = Enumerable.Range(0, count)
            .Select(_ => new HistoryEntry(Guid.NewGuid().ToString(), Product, "pm_card_visa", CheckoutResult.Accepted, Guid.NewGuid(), [202]))
            .ToList();
        var orders = history.Select(h => new ObservedOrder(h.OrderId!.Value, h.Key, "Delivered", 12.50m, 1, true)).ToList();
        var observed = new Observed(
            orders,
            [new ObservedStock(Product, 0, 0, count)],
            orders.Select(o => new ObservedPaymentIntent($"pi_{o.Id:N}", o.Id.ToString(), 1250, 0, "succeeded")).ToList(),
            orders.SelectMany(o => new[] { "confirmed", "shipped", "delivered" }.Select(e => Mail(o.Id, e))).ToList(),
            orders.Select(o => new ObservedFulfillment(o.Id.ToString())).ToList(),
            QueuedMessages: 0,
            DeadLetters: 0,
            OutboxRows: 0,
            OverdueScheduled: 0,
            OpenSagas: 0);
        return (history, observed);
    }

    private static ObservedMail Mail(Guid orderId, string eventType) =>
        new(new Dictionary<string, string> { ["order_id"] = orderId.ToString(), ["event_type"] = eventType });
}
