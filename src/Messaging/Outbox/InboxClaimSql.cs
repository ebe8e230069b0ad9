using System.Data.Common;
using Commerce.Messaging.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// The statement that claims or locks a step's inbox row, on the context's connection and transaction
/// without EF's query pipeline: it runs once per delivery, and a LINQ query builds, hashes and
/// parameterises an expression tree on every call (ADR 0022).
/// Names come from the model, once per model; every value is a parameter.
/// </summary>
internal sealed class InboxClaimSql
{
    private readonly string _claimOrLock;

    private InboxClaimSql(DbContext db)
    {
        var n = new StoreNames<InboxState>(db);
        var key = $"{n.Column(i => i.MessageId)}, {n.Column(i => i.ConsumerId)}";
        var receiveCount = n.Column(i => i.ReceiveCount);
        var returned = string.Join(", ", new[]
        {
            n.Column(i => i.Id), n.Column(i => i.LockId), n.Column(i => i.ReceiveCount), n.Column(i => i.Received),
            n.Column(i => i.Consumed), n.Column(i => i.Delivered), n.Column(i => i.LastSequenceNumber),
        }.Select(c => $"i.{c}"));
        // One round trip inserts the row or, when it exists, locks it as an UPDATE does: a concurrent
        // duplicate waits here for the first to commit, then reads the committed row (READ COMMITTED
        // re-checks the conflict against the latest version). A new row is written consumed: it
        // commits only together with the consume, so no later statement marks it.
        _claimOrLock = $"INSERT INTO {n.Table} AS i ({key}, {n.Column(i => i.LockId)}, {n.Column(i => i.Received)}, {receiveCount}, {n.Column(i => i.Consumed)}) " +
            $"VALUES ($1, $2, $3, $4, $5, $4) ON CONFLICT ({key}) DO UPDATE SET {receiveCount} = i.{receiveCount} + $5 RETURNING {returned}";
    }

    public static InboxClaimSql For(DbContext db) => PerModel<InboxClaimSql>.Get(db, d => new InboxClaimSql(d));

    /// <summary>
    /// The (message, consumer) row, locked until the transaction ends; <paramref name="received"/>
    /// is added to its receive count. A row this call inserted is returned as not yet consumed (the
    /// consume it stands for is the one about to run, and commits with it), a row that existed as it
    /// was stored. The row is not tracked: the few writes to it after this are explicit statements.
    /// </summary>
    public async Task<(InboxState Row, bool Claimed)> LockAsync(DbContext db, Guid messageId, Guid consumerId, DateTime now, int received, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The inbox row is claimed inside the step's transaction");
        var lockId = MassTransit.NewId.NextGuid();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _claimOrLock;
        Add(command, messageId);
        Add(command, consumerId);
        Add(command, lockId);
        Add(command, now);
        Add(command, received);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The inbox claim returned no row");
        }

        var inbox = new InboxState
        {
            Id = reader.GetInt64(0),
            MessageId = messageId,
            ConsumerId = consumerId,
            LockId = reader.GetGuid(1),
            ReceiveCount = reader.GetInt32(2),
            Received = reader.GetDateTime(3),
            Consumed = reader.IsDBNull(4) ? null : reader.GetDateTime(4),
            Delivered = reader.IsDBNull(5) ? null : reader.GetDateTime(5),
            LastSequenceNumber = reader.IsDBNull(6) ? null : reader.GetInt64(6),
        };
        // An existing row keeps its lock id: only the insert carries this one.
        var claimed = inbox.LockId == lockId;
        if (claimed)
        {
            inbox.Consumed = null;
        }

        return (inbox, claimed);
    }

    private static void Add<T>(DbCommand command, T value)
    {
        var parameter = command.CreateParameter();
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
