using Commerce.LocalSystem;
using Commerce.Persistence.Orders;

namespace Commerce.TestSupport;

/// <summary>Orders written straight to a test database, with or without their saga instance.</summary>
public static class TestOrders
{
    /// <summary>An order created and last changed at <paramref name="at"/>.</summary>
    public static Order New(DateTimeOffset at, string status = OrderStatus.Submitted) => new()
    {
        Id = Guid.NewGuid(),
        CustomerId = Guid.NewGuid(),
        CustomerEmail = "r@example.com",
        CustomerName = "R",
        IdempotencyKey = Guid.NewGuid().ToString(),
        RequestHash = "h",
        Status = status,
        Total = 12.34m,
        PaymentMethod = "pm_card_visa",
        ShippingAddress = new ShippingAddress { Name = "n", Line1 = "l", City = "c", PostalCode = "p", Country = "US" },
        CreatedAt = at,
        UpdatedAt = at,
    };

    /// <summary>An order of <paramref name="customerId"/> in <paramref name="status"/>, written straight to the database; its id.</summary>
    public static async Task<Guid> AddForCustomerAsync(ThrowawayDatabase database, Guid customerId, string status)
    {
        ArgumentNullException.ThrowIfNull(database);
        var order = New(DateTimeOffset.UtcNow, status);
        order.CustomerId = customerId;
        await using var db = database.CreateContext();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    /// <summary>
    /// Seeds orders of every kind the stuck-order query must tell apart (threshold 15 minutes):
    /// three stuck, four not. Returns the stuck ones, longest-stuck first, and the others.
    /// </summary>
    public static async Task<StuckScenario> SeedStuckScenarioAsync(ThrowawayDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var now = DateTimeOffset.UtcNow;
        (TimeSpan Age, string Status, string? Saga)[] stuck =
        [
            (TimeSpan.FromDays(2), OrderStatus.Shipped, "Shipped"),
            (TimeSpan.FromHours(1), OrderStatus.Submitted, null),
            (TimeSpan.FromMinutes(20), OrderStatus.AwaitingPayment, "AwaitingPayment"),
        ];
        (TimeSpan Age, string Status, string? Saga)[] others =
        [
            (TimeSpan.FromMinutes(5), OrderStatus.AwaitingPayment, "AwaitingPayment"),
            (TimeSpan.FromDays(3), OrderStatus.Delivered, "OrderDelivered"),
            (TimeSpan.FromDays(1), OrderStatus.Cancelled, null),
            // The projection lags behind a finished saga: the saga's state decides.
            (TimeSpan.FromDays(1), OrderStatus.AwaitingPayment, "PaymentFailed"),
        ];
        await using var db = database.CreateContext();
        var orders = stuck.Concat(others).Select(o => (Order: New(now - o.Age, o.Status), o.Saga)).ToList();
        foreach (var (order, saga) in orders)
        {
            db.Orders.Add(order);
            if (saga is not null)
            {
                db.OrderStates.Add(new OrderState { CorrelationId = order.Id, CurrentState = saga });
            }
        }

        await db.SaveChangesAsync();
        return new StuckScenario([.. orders.Take(stuck.Length).Select(o => o.Order)], [.. orders.Skip(stuck.Length).Select(o => o.Order.Id)]);
    }

    /// <summary>The seeded orders: <see cref="Stuck"/> longest-stuck first (the second has no saga), and the ids of the others.</summary>
    public sealed record StuckScenario(IReadOnlyList<Order> Stuck, IReadOnlyList<Guid> NotStuck);
}
