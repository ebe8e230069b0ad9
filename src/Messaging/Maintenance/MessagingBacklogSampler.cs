using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Maintenance;

/// <summary>
/// Reads the backlog (pending outbox transactions, oldest age, due scheduled messages) into the
/// metrics on a timer, so a metrics scrape never waits on the database.
/// </summary>
public sealed class MessagingBacklogSampler<TDbContext>(
    IServiceScopeFactory scopes,
    MessagingMetrics metrics,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock) : PeriodicService(clock)
    where TDbContext : DbContext
{
    // A missed sample only leaves the previous values in place; health checks report outages.
    protected override TimeSpan Interval => options.Value.PollInterval * 5;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => SampleAsync(cancellationToken);

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        metrics.OutboxBacklog = await OutboxBacklog.ReadAsync(db, now, cancellationToken);
        metrics.ScheduledDue = await db.Set<ScheduledDelivery>().LongCountAsync(s => s.DeliverAt <= now, cancellationToken);
    }
}
