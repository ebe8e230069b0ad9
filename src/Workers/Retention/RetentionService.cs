using Commerce.Messaging.Maintenance;
using Commerce.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Retention;

/// <summary>
/// Enforces the retention periods in PostgreSQL on a timer: tracking details first, whole order
/// records later. Set-based deletes, so any number of Workers may run it at once.
/// </summary>
public sealed partial class RetentionService(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionService> log) : PeriodicService(clock)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var (tracking, orders) = await RunOnceAsync(cancellationToken);
        if (tracking + orders > 0)
        {
            LogApplied(tracking, orders);
        }
    }

    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    /// <summary>Returns how many orders lost their tracking details and how many orders were deleted.</summary>
    public async Task<(int TrackingRemoved, int OrdersDeleted)> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var now = Clock.GetUtcNow();
        var trackingCutoff = now - options.Value.TrackingDetails;
        var recordsCutoff = now - options.Value.OrderRecords;

        var trackingRemoved = await db.Orders
            .Where(o => o.CreatedAt < trackingCutoff && (o.Carrier != null || o.TrackingNumber != null))
            .ExecuteUpdateAsync(o => o
                .SetProperty(x => x.Carrier, (string?)null)
                .SetProperty(x => x.TrackingNumber, (string?)null)
                .SetProperty(x => x.TrackingRemovedAt, now), cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expired = db.Orders.Where(o => o.CreatedAt < recordsCutoff).Select(o => o.Id);
        await db.OrderStates.Where(s => expired.Contains(s.CorrelationId)).ExecuteDeleteAsync(cancellationToken);
        await db.StockReservations.Where(r => expired.Contains(r.OrderId)).ExecuteDeleteAsync(cancellationToken);
        await db.SentNotifications.Where(n => expired.Contains(n.OrderId)).ExecuteDeleteAsync(cancellationToken);
        // Lines and timeline go with their order (ON DELETE CASCADE).
        var ordersDeleted = await db.Orders.Where(o => o.CreatedAt < recordsCutoff).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (trackingRemoved, ordersDeleted);
    }

    [LoggerMessage(LogLevel.Information, "Retention: tracking removed from {Tracking} order(s), {Orders} order record(s) deleted")]
    private partial void LogApplied(int tracking, int orders);

    [LoggerMessage(LogLevel.Error, "Retention pass failed")]
    private partial void LogFailed(Exception e);
}
