using System.Threading.Channels;
using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Deletes the outbox rows of steps whose messages have reached the broker, many steps per statement.
/// Once sent, a step's rows matter only to a redelivery of its message, which would send them again
/// (receivers' inboxes drop the copies); so the step acknowledges its message without waiting for
/// the delete, and a row whose delete is lost with its process goes with its inbox row at cleanup
/// (cascade). Rows a process left unsent are never here: their message was not acknowledged, and its
/// redelivery sends them.
/// </summary>
public sealed partial class DeliveredOutboxRowsRemover<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock,
    ILogger<DeliveredOutboxRowsRemover<TDbContext>> log) : BackgroundService
    where TDbContext : DbContext
{
    private const int RowsPerStatement = 1000;
    private readonly Channel<InboxKey> _delivered = Channel.CreateUnbounded<InboxKey>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the removal of the rows one (message, consumer) stored; they were all sent.</summary>
    public void Enqueue(Guid messageId, Guid consumerId) => _delivered.Writer.TryWrite(new InboxKey(messageId, consumerId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<InboxKey>();
        try
        {
            while (await _delivered.Reader.WaitToReadAsync(stoppingToken))
            {
                // The wait lets one statement carry the rows of every step that finished meanwhile.
                await Task.Delay(options.Value.DeliveredRowsRemovalInterval, clock, stoppingToken);
                await RemovePendingAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: what is queued gets one last statement below.
        }

        await RemovePendingAsync(pending, CancellationToken.None);
    }

    private async Task RemovePendingAsync(List<InboxKey> pending, CancellationToken cancellationToken)
    {
        while (_delivered.Reader.TryRead(out var key))
        {
            pending.Add(key);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var sql = RemovalSql(db);
            while (pending.Count > 0)
            {
                var batch = pending.Take(RowsPerStatement).ToArray();
                await db.Database.ExecuteSqlRawAsync(
                    sql,
                    [batch.Select(k => k.MessageId).ToArray(), batch.Select(k => k.ConsumerId).ToArray()],
                    cancellationToken);
                pending.RemoveRange(0, batch.Length);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kept for the next pass; should the process end first, cleanup removes them.
            LogFailed(e, pending.Count);
        }
    }

    private static string RemovalSql(DbContext db)
    {
        var o = new StoreNames<OutboxMessage>(db);
        return $"DELETE FROM {o.Table} AS m USING unnest({{0}}, {{1}}) AS d(message_id, consumer_id) " +
            $"WHERE m.{o.Column(m => m.InboxMessageId)} = d.message_id AND m.{o.Column(m => m.InboxConsumerId)} = d.consumer_id";
    }

    [LoggerMessage(LogLevel.Warning, "Could not remove the sent outbox rows of {Count} consumed messages; retrying with the next batch")]
    private partial void LogFailed(Exception e, int count);

    private readonly record struct InboxKey(Guid MessageId, Guid ConsumerId);
}
