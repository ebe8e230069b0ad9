namespace Commerce.Persistence.Operations;

/// <summary>
/// The audit row of one retry or discard, written before the first message moves and kept
/// current while the move runs (the ids moved so far, five times a second), then closed with the
/// outcome. A process killed half-way leaves its row saying <see cref="Running"/> with the ids it
/// had moved up to its last flush, instead of no row at all.
/// </summary>
public sealed class DeadLetterAuditTrail : IAsyncDisposable
{
    /// <summary>The outcome of a row whose move has not finished, or whose process died.</summary>
    public const string Running = "running (interrupted if it stays so)";

    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly Func<CommerceDbContext> _open;
    private readonly Guid _id;
    private readonly List<string> _moved = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private int _flushed;

    private DeadLetterAuditTrail(Func<CommerceDbContext> open, Guid id)
    {
        _open = open;
        _id = id;
        _flusher = FlushPeriodicallyAsync();
    }

    /// <summary>Writes the row (no ids yet) and starts keeping it current.</summary>
    public static async Task<DeadLetterAuditTrail> StartAsync(Func<CommerceDbContext> open, string actor, string action, string queue, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(open);
        var row = DeadLetterAction.Create(actor, action, queue, [], Running, at);
        await using (var db = open())
        {
            db.DeadLetterActions.Add(row);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new DeadLetterAuditTrail(open, row.Id);
    }

    /// <summary>How many messages have left the queue so far.</summary>
    public int MovedCount
    {
        get
        {
            lock (_lock)
            {
                return _moved.Count;
            }
        }
    }

    /// <summary>For the replayer's <c>Moved</c> callback: one message left the queue.</summary>
    public void Moved(string messageId)
    {
        lock (_lock)
        {
            _moved.Add(messageId);
        }
    }

    /// <summary>Closes the row: the final ids (the replayer's, when it returned them) and the outcome.</summary>
    public async Task FinishAsync(IReadOnlyCollection<string>? messageIds, string outcome)
    {
        await StopAsync();
        await SaveAsync(messageIds ?? Snapshot(), outcome);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _flusher;
    }

    private async Task FlushPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var moved = Snapshot();
                if (moved.Count != _flushed)
                {
                    await SaveAsync(moved, outcome: null);
                    _flushed = moved.Count;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Finished or disposed: FinishAsync writes the last state.
        }
    }

    private List<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _moved];
        }
    }

    private async Task SaveAsync(IReadOnlyCollection<string> messageIds, string? outcome)
    {
        await using var db = _open();
        var row = await db.DeadLetterActions.FindAsync(_id) ?? throw new InvalidOperationException($"audit row {_id} is gone");
        row.Record(messageIds, outcome ?? row.Outcome);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
