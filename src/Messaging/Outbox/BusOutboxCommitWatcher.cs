using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Tells the scope's bus outbox that the transaction holding its rows has committed, so it may send
/// them from memory. One per scope, added to the scope's DbContext as an interceptor: EF reports
/// the commit (<c>TransactionCommitted</c>) with the transaction's id; a rolled-back transaction
/// never reports, and its rows are never sent.
/// </summary>
public sealed class BusOutboxCommitWatcher : DbTransactionInterceptor
{
    private readonly Lock _lock = new();
    private readonly List<(Guid TransactionId, Action OnCommit)> _waiting = [];

    /// <summary>Runs <paramref name="onCommit"/> once the transaction <paramref name="transactionId"/> has committed.</summary>
    public void WhenCommitted(Guid transactionId, Action onCommit)
    {
        lock (_lock)
        {
            _waiting.Add((transactionId, onCommit));
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Committed(eventData.TransactionId);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Committed(eventData.TransactionId);
        return Task.CompletedTask;
    }

    private void Committed(Guid transactionId)
    {
        List<Action> due;
        lock (_lock)
        {
            due = [.. _waiting.Where(w => w.TransactionId == transactionId).Select(w => w.OnCommit)];
            _waiting.RemoveAll(w => w.TransactionId == transactionId);
        }

        foreach (var onCommit in due)
        {
            onCommit();
        }
    }
}
