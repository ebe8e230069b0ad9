using Commerce.Bench.Hosting;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Load;

/// <summary>The real system: checkouts by signed-in shoppers through the Api, progress from its database.</summary>
public sealed class CommerceTarget(SystemUnderTest system, IReadOnlyList<Shopper> shoppers) : ILoadTarget
{
    /// <summary>
    /// PostgreSQL backends publish their transaction counts to pg_stat_database when idle only after
    /// up to 10 s (PGSTAT_IDLE_INTERVAL), and RabbitMQ its totals every 5 s.
    /// </summary>
    public TimeSpan CounterLag => TimeSpan.FromSeconds(11);

    public string VirtualHost => system.Name;

    public Task<CheckoutOutcome> CheckoutAsync(int index, CancellationToken cancellationToken) =>
        shoppers[index % shoppers.Count].CheckoutAsync(system.ProductIds[index % system.ProductIds.Count], Guid.NewGuid().ToString(), "pm_card_visa", cancellationToken);

    public async Task<(long NotFinal, long Unsent)> InFlightAsync(CancellationToken cancellationToken)
    {
        await using var db = system.CreateContext();
        return (await OrderProgress.NotFinalAsync(db, cancellationToken), await OrderProgress.OutboxRowsAsync(db, cancellationToken));
    }

    public async Task<IReadOnlyList<Confirmation>> ConfirmationsAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        await using var db = system.CreateContext();
        return await OrderProgress.ConfirmationsAsync(db, orderIds, cancellationToken);
    }
}
