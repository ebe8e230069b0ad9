using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Maintenance;

/// <summary>
/// Deletes inbox rows once their duplicate-detection window has passed: delivered ones after the
/// window, and ones that never completed (their consumer kept failing and the message went to
/// <c>_error</c>) after the same period, so a retry from <c>_error</c> within it is still de-duplicated.
/// Delivered bus-outbox rows are deleted by the delivery service itself.
/// </summary>
public sealed partial class MessagingCleanupService<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock,
    ILogger<MessagingCleanupService<TDbContext>> log) : PeriodicService(clock)
    where TDbContext : DbContext
{
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var removed = await CleanUpAsync(cancellationToken);
        if (removed > 0)
        {
            LogRemoved(removed);
        }
    }

    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = Clock.GetUtcNow().UtcDateTime - options.Value.DuplicateDetectionWindow;
        // Batches keep each delete short; outbox rows of a removed inbox row go with it (cascade).
        var total = 0;
        int removed;
        do
        {
            var batch = db.Set<InboxState>().Where(i => i.Received < cutoff).OrderBy(i => i.Id).Select(i => i.Id).Take(1000);
            removed = await db.Set<InboxState>().Where(i => batch.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
            total += removed;
        }
        while (removed > 0);
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Removed {Count} inbox rows past the duplicate-detection window")]
    private partial void LogRemoved(int count);

    [LoggerMessage(LogLevel.Error, "Messaging cleanup failed")]
    private partial void LogFailed(Exception e);
}
