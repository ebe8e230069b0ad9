using Commerce.LocalSystem;
using Commerce.Persistence.Orders;
using Commerce.Workers.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Retention;

[TestFixture]
public sealed class RetentionSpecs
{
    private static Order OrderFrom(DateTimeOffset createdAt)
    {
        var order = TestOrders.New(createdAt);
        order.Carrier = "DHL";
        order.TrackingNumber = "T-1";
        order.Timeline = [new OrderTimelineEntry { Status = OrderStatus.Submitted, At = createdAt }];
        return order;
    }

    [Test]
    public async Task Tracking_goes_after_a_year_and_whole_orders_after_seven()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("retention");
        var now = DateTimeOffset.UtcNow;
        var (recent, yearOld, ancient) = (OrderFrom(now.AddDays(-30)), OrderFrom(now.AddDays(-400)), OrderFrom(now.AddYears(-8)));
        await using (var db = database.CreateContext())
        {
            db.Orders.AddRange(recent, yearOld, ancient);
            db.OrderStates.Add(new OrderState { CorrelationId = ancient.Id, CurrentState = "OrderDelivered" });
            await db.SaveChangesAsync();
        }

        var services = new ServiceCollection().AddScoped(_ => database.CreateContext()).BuildServiceProvider();
        var retention = new RetentionService(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new RetentionOptions()), TimeProvider.System, NullLogger<RetentionService>.Instance);

        var (trackingRemoved, ordersDeleted) = await retention.RunOnceAsync(CancellationToken.None);

        await using var check = database.CreateContext();
        var remaining = await check.Orders.AsNoTracking().ToDictionaryAsync(o => o.Id);
        Assert.Multiple(async () =>
        {
            Assert.That((trackingRemoved, ordersDeleted), Is.EqualTo((2, 1)), "the eight-year-old order loses its tracking too, then goes");
            Assert.That(remaining.Keys, Is.EquivalentTo(new[] { recent.Id, yearOld.Id }));
            Assert.That(remaining[recent.Id].TrackingNumber, Is.EqualTo("T-1"));
            Assert.That(remaining[yearOld.Id].TrackingNumber, Is.Null);
            Assert.That(remaining[yearOld.Id].TrackingRemovedAt, Is.Not.Null);
            Assert.That(await check.OrderStates.AnyAsync(s => s.CorrelationId == ancient.Id), Is.False);
            Assert.That(await check.Set<OrderTimelineEntry>().AnyAsync(t => t.OrderId == ancient.Id), Is.False);
        });
    }
}
