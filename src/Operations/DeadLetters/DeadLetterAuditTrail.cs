using System.Data.Common;
using Commerce.Messaging.Storage;
using Commerce.Persistence;
using Commerce.Persistence.Operations;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Operations.DeadLetters;

/// <summary>
/// The write-ahead audit of one retry or discard (docs/adr/0013): the row is written before the
/// first message moves, each batch's ids are appended to it (one committed statement) after the
/// broker confirmed their copies and before the originals leave the <c>_error</c> queue, and the
/// row is closed with the outcome. A process killed at any point leaves a row saying
/// <see cref="Running"/> that names every message that left the queue.
/// </summary>
public sealed class DeadLetterAuditTrail
{
    /// <summary>The outcome of a row whose move has not finished, or whose process died.</summary>
    public const string Running = "running (interrupted if it stays so: every id that left the queue is listed; the last batch may also be back in _error)";

    private readonly Func<CommerceDbContext> _open;
    private readonly Guid _id;

    private DeadLetterAuditTrail(Func<CommerceDbContext> open, Guid id)
    {
        _open = open;
        _id = id;
    }

    /// <summary>
    /// The one audited dead-letter move, for the CLI and the admin API: opens the row, runs
    /// <paramref name="move"/> with the write-ahead <see cref="DeadLetterRunOptions.Recording"/>,
    /// and closes the row with <c>ok</c> or <c>failed: …</c> (the exception is rethrown).
    /// </summary>
    public static async Task<DeadLetterResult> MoveAsync(
        Func<CommerceDbContext> open,
        DeadLetterAuditEntry entry,
        DeadLetterRunOptions run,
        Func<DeadLetterRunOptions, Task<DeadLetterResult>> move)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(move);
        var trail = await StartAsync(open, entry);
        DeadLetterResult result;
        try
        {
            result = await move(new DeadLetterRunOptions { RatePerSecond = run.RatePerSecond, Moved = run.Moved, Recording = trail.AppendAsync });
        }
        catch (Exception e)
        {
            await trail.TryFinishAsync(FailureOutcome(e));
            throw;
        }

        await trail.FinishAsync("ok");
        return result;
    }

    /// <summary>The outcome written for a move that threw.</summary>
    private static string FailureOutcome(Exception exception) =>
        exception is OperationCanceledException ? "failed: cancelled" : $"failed: {exception.GetBaseException().Message}";

    private static async Task<DeadLetterAuditTrail> StartAsync(Func<CommerceDbContext> open, DeadLetterAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(open);
        var row = DeadLetterAction.Create(entry.Actor, entry.Action, entry.Queue, Running, entry.At);
        await using (var db = open())
        {
            db.DeadLetterActions.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new DeadLetterAuditTrail(open, row.Id);
    }

    /// <summary>Appends a batch's ids to the row in one statement; throws if it could not (the batch then stays in <c>_error</c>).</summary>
    private async Task AppendAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        var ids = messageIds.ToArray();
        await using var db = _open();
        var n = new StoreNames<DeadLetterAction>(db);
        var (messageIdsColumn, count) = (n.Column(a => a.MessageIds), n.Column(a => a.Count));
        // Names from the model, every value a parameter.
        var append = $"UPDATE {n.Table} SET {messageIdsColumn} = {messageIdsColumn} || {{0}}, {count} = {count} + {{1}} WHERE {n.Column(a => a.Id)} = {{2}}";
        var updated = await db.Database.ExecuteSqlRawAsync(append, [ids, ids.Length, _id], cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"audit row {_id} is gone");
        }
    }

    private async Task FinishAsync(string outcome)
    {
        var fitted = DeadLetterAction.FitOutcome(outcome);
        await using var db = _open();
        await db.DeadLetterActions.Where(a => a.Id == _id).ExecuteUpdateAsync(a => a.SetProperty(r => r.Outcome, fitted), CancellationToken.None);
    }

    /// <summary>After a failed move: closes the row if the database lets it; else it keeps saying <see cref="Running"/>, which is still true of the ids it lists.</summary>
    private async Task TryFinishAsync(string outcome)
    {
        try
        {
            await FinishAsync(outcome);
        }
        catch (DbException)
        {
            // The move's own exception is the one to report.
        }
    }
}
