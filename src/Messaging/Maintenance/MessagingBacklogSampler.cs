using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    TimeProvider clock) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A missed sample only leaves the previous values in place; health checks report outages.
            }

            await Task.Delay(options.Value.PollInterval * 5, clock, stoppingToken);
        }
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.Set<OutboxState>().LongCountAsync(cancellationToken);
        var oldest = await db.Set<OutboxState>().MinAsync(s => (DateTime?)s.Created, cancellationToken);
        metrics.OutboxBacklog = (pending, oldest is { } created ? (now - created).TotalSeconds : 0);
        metrics.ScheduledDue = await db.Set<ScheduledDelivery>().LongCountAsync(s => s.DeliverAt <= now, cancellationToken);
    }
}
