using Commerce.LocalSystem;
using Commerce.Persistence.Orders;

namespace Commerce.Persistence.Tests.Orders;

/// <summary>
/// The one stuck-order query (admin route, CLI, Workers' gauge): the saga's state decides what is
/// finished, an order without a saga counts by its status, and only orders unchanged for longer
/// than the threshold are stuck, the longest-stuck first.
/// </summary>
[TestFixture]
public sealed class StuckOrderSpecs
{
    private static readonly TimeSpan Threshold = new StuckOrderOptions().Threshold;

    [Test]
    public async Task Orders_unchanged_past_the_threshold_in_an_unfinished_saga_are_stuck_oldest_first()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("stuck");
        var scenario = await TestOrders.SeedStuckScenarioAsync(database);
        await using var db = database.CreateContext();
        var now = DateTimeOffset.UtcNow;

        var stuck = await StuckOrders.ListAsync(db, Threshold, 100, now, CancellationToken.None);
        var firstTwo = await StuckOrders.ListAsync(db, Threshold, 2, now, CancellationToken.None);
        var count = await StuckOrders.CountAsync(db, Threshold, now, CancellationToken.None);
        var pastTwoHours = await StuckOrders.CountAsync(db, TimeSpan.FromHours(2), now, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stuck.Select(o => o.OrderId), Is.EqualTo(scenario.Stuck.Select(o => o.Id)));
            Assert.That(stuck.Select(o => o.State), Is.EqualTo(new[] { "Shipped", StuckOrders.NotStarted, "AwaitingPayment" }));
            Assert.That(stuck.Select(o => o.Status), Is.EqualTo(scenario.Stuck.Select(o => o.Status)));
            Assert.That(stuck.Select(o => o.CustomerId), Is.EqualTo(scenario.Stuck.Select(o => o.CustomerId)));
            Assert.That(stuck[0].Since, Is.EqualTo(scenario.Stuck[0].UpdatedAt).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(stuck[2].AgeSeconds, Is.EqualTo(20 * 60).Within(5));
            Assert.That(stuck.Select(o => o.OrderId), Has.None.AnyOf(scenario.NotStuck));
            Assert.That(firstTwo.Select(o => o.OrderId), Is.EqualTo(scenario.Stuck.Take(2).Select(o => o.Id)));
            Assert.That(count, Is.EqualTo(3));
            Assert.That(pastTwoHours, Is.EqualTo(1), "only the two-day-old order is older than two hours");
        });
    }

    [Test]
    public async Task A_day_later_every_unfinished_order_is_stuck_and_finished_ones_never_are()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("stuck_later");
        var scenario = await TestOrders.SeedStuckScenarioAsync(database);
        await using var db = database.CreateContext();

        var stuck = await StuckOrders.ListAsync(db, Threshold, 100, DateTimeOffset.UtcNow.AddDays(10), CancellationToken.None);

        Assert.That(stuck, Has.Count.EqualTo(4), "the three stuck ones and the five-minute-old AwaitingPayment one; no finished saga");
    }

    [TestCase("900", 900)]
    [TestCase("90s", 90)]
    [TestCase("15m", 900)]
    [TestCase("1.5h", 5400)]
    [TestCase("2d", 172_800)]
    [TestCase("00:15:00", 900)]
    [TestCase(" 1.00:00:00 ", 86_400)]
    public void An_age_is_seconds_a_number_with_a_unit_or_a_timespan(string text, int seconds)
    {
        Assert.That(StuckOrders.TryParseAge(text, out var age), Is.True);
        Assert.That(age, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("-00:05:00")]
    [TestCase("abc")]
    [TestCase("15x")]
    [TestCase("m")]
    [TestCase("NaN")]
    [TestCase("99999999999d")]
    [TestCase("366d")]
    public void Anything_else_is_not_an_age(string? text) =>
        Assert.That(StuckOrders.TryParseAge(text, out _), Is.False);
}
