using System.Data;
using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Scheduling;

/// <summary>
/// Sends scheduled messages once due: claims due rows with <c>FOR UPDATE SKIP LOCKED</c> (so
/// several Workers share the work), sends each with its scheduling token, deletes it, commits.
/// Rows survive restarts because they are only deleted in the transaction that sent them.
/// </summary>
public sealed partial class ScheduledMessageDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock,
    MessagingMetrics metrics,
    ILogger<ScheduledMessageDispatcher<TDbContext>> log) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(e);
            }

            if (sent < options.Value.BatchSize)
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>One pass: returns how many messages it sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<StoredMessageSender>();
        var names = new StoreNames<ScheduledDelivery>(db);
        var claim = $"SELECT * FROM {names.Table} WHERE {names.Column(s => s.DeliverAt)} <= {{0}} " +
            $"ORDER BY {names.Column(s => s.DeliverAt)} LIMIT {{1}} FOR UPDATE SKIP LOCKED";

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<ScheduledDelivery>().FromSqlRaw(claim, now, options.Value.BatchSize).AsTracking().ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var row in due)
        {
            try
            {
                // The state machine ignores a timeout whose token no longer matches the instance's.
                var token = new Dictionary<string, object> { [MessageHeaders.SchedulingTokenId] = row.TokenId };
                await sender.SendAsync(row, 0, token, cancellationToken);
                db.Remove(row);
                sent++;
                metrics.RecordScheduledSent(now - row.DeliverAt);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                row.DeliveryAttempts++;
                row.DeliverAt = now + options.Value.RetryDelay(row.DeliveryAttempts);
                LogSendFailed(row.TokenId, row.DeliveryAttempts, e);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sent;
    }

    [LoggerMessage(LogLevel.Error, "Scheduler pass failed")]
    private partial void LogPassFailed(Exception e);

    [LoggerMessage(LogLevel.Warning, "Scheduled message {TokenId} not sent (attempt {Attempts})")]
    private partial void LogSendFailed(Guid tokenId, int attempts, Exception e);
}
