using System.Data;
using Commerce.Messaging.Configuration;
using Commerce.Messaging.Maintenance;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Sends consumer-outbox rows a process left behind: a step acknowledges its message once the broker
/// confirmed its sends and only queues the delete of their rows
/// (<see cref="DeliveredOutboxRowsRemover{TDbContext}"/>), so a process that dies in between leaves
/// committed rows that no redelivery will come for. Rows older than
/// <see cref="PostgresMessagingOptions.SendTimeout"/> (longer than any live step takes from its
/// commit to its delete) are claimed with <c>FOR UPDATE SKIP LOCKED</c>, sent in their step's order,
/// and deleted in the same transaction. Most were sent already: the receivers' inboxes drop the copies.
/// </summary>
public sealed partial class StrandedOutboxRowsSender<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<PostgresMessagingOptions> options,
    TimeProvider clock,
    ILogger<StrandedOutboxRowsSender<TDbContext>> log) : PeriodicService(clock)
    where TDbContext : DbContext
{
    protected override TimeSpan Interval => options.Value.SendTimeout;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var sent = await SendStrandedAsync(cancellationToken);
        if (sent > 0)
        {
            LogSent(sent);
        }
    }

    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    /// <summary>One pass: returns how many stranded rows it sent (and deleted).</summary>
    public async Task<int> SendStrandedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<StoredMessageSender>();
        var m = new StoreNames<OutboxMessage>(db);
        var claim = $"SELECT * FROM {m.Table} WHERE {m.Column(r => r.InboxMessageId)} IS NOT NULL AND {m.Column(r => r.SentTime)} < {{0}} " +
            $"ORDER BY {m.Column(r => r.SequenceNumber)} LIMIT {{1}} FOR UPDATE SKIP LOCKED";

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var cutoff = Clock.GetUtcNow().UtcDateTime - options.Value.SendTimeout;
        var rows = await db.Set<OutboxMessage>().FromSqlRaw(claim, cutoff, options.Value.BatchSize).AsNoTracking().ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // One step's rows go in order, stopping at the first that fails; steps are independent.
        var sent = await Task.WhenAll(rows
            .GroupBy(r => (r.InboxMessageId, r.InboxConsumerId))
            .Select(step => SendInOrderAsync(sender, step, cancellationToken)));
        var done = sent.SelectMany(s => s).ToArray();
        await db.Set<OutboxMessage>().Where(r => done.Contains(r.SequenceNumber)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done.Length;
    }

    private async Task<List<long>> SendInOrderAsync(StoredMessageSender sender, IEnumerable<OutboxMessage> step, CancellationToken cancellationToken)
    {
        var sent = new List<long>();
        try
        {
            foreach (var row in step)
            {
                await sender.SendAsync(row, row.SequenceNumber, null, cancellationToken);
                sent.Add(row.SequenceNumber);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The rest stay for the next pass, locked by nobody once this transaction ends.
            LogSendFailed(e, sent.Count);
        }

        return sent;
    }

    // A warning: it means a process died between a step's acknowledgement and its delete, or a
    // delete failed; the receivers' inboxes drop the copies, but ops should know it happened.
    [LoggerMessage(LogLevel.Warning, "Sent {Count} outbox rows again that a stopped process (or a failed delete) had left behind")]
    private partial void LogSent(int count);

    [LoggerMessage(LogLevel.Warning, "A left-behind step's row could not be sent after {Sent} of its rows; the next pass tries again")]
    private partial void LogSendFailed(Exception e, int sent);

    [LoggerMessage(LogLevel.Error, "Sending left-behind outbox rows failed")]
    private partial void LogFailed(Exception e);
}
