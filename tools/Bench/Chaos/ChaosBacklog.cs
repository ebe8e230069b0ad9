namespace Commerce.Bench.Chaos;

/// <summary>What was left to do when the quiescence wait ended: zero everywhere after a quiescent run.</summary>
public sealed record ChaosBacklog(int OrdersNotFinal, long QueuedMessages, long OutboxRows, long OpenSagas)
{
    public static ChaosBacklog Of(Observed observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return new ChaosBacklog(observed.Orders.Count(o => !Observed.TerminalStatuses.Contains(o.Status)), observed.QueuedMessages, observed.OutboxRows, observed.OpenSagas);
    }

    /// <summary>The figure that has to keep shrinking while the run waits for quiescence.</summary>
    public long Size => QueuedMessages + OutboxRows + OpenSagas;

    public bool IsEmpty => OrdersNotFinal == 0 && Size == 0;
}
