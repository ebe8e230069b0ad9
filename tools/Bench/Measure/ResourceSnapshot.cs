using Commerce.Operations.Management;

namespace Commerce.Bench.Measure;

/// <summary>The cumulative counters at one moment; two of them give a step's use (<see cref="Since"/>) and cost (<see cref="OrderCost"/>).</summary>
public sealed record ResourceSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, (double CpuSeconds, long RssBytes)> Processes, long PostgresTransactions, MessageTotals Messages)
{
    /// <summary>Top-level statements of the bench database (pg_stat_statements); null without the extension.</summary>
    public long? Statements { get; init; }

    /// <summary>Of those, COMMIT and ROLLBACK: round trips Npgsql's metrics do not count.</summary>
    public long? Commits { get; init; }

    /// <summary>Commands and batches the Api and Workers executed (Npgsql's meter); null if a scrape failed.</summary>
    public long? NpgsqlOperations { get; init; }

    /// <summary>Each queue's totals (<see cref="QueueCounters"/>); empty if the management API did not answer.</summary>
    public IReadOnlyDictionary<string, QueueMessages> Queues { get; init; } = new Dictionary<string, QueueMessages>();

    /// <summary>What happened between two samples: CPU as a percentage of one core, RSS at the later sample.</summary>
    public ResourceUse Since(ResourceSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var seconds = Math.Max(0.001, (At - earlier.At).TotalSeconds);
        var processes = Processes.ToDictionary(
            p => p.Key,
            p => new ProcessUse(
                Math.Round((p.Value.CpuSeconds - earlier.Processes.GetValueOrDefault(p.Key).CpuSeconds) / seconds * 100, 1),
                Math.Round(p.Value.RssBytes / 1048576.0, 1)));
        return new ResourceUse(
            processes,
            Math.Round((PostgresTransactions - earlier.PostgresTransactions) / seconds, 1),
            Math.Round((Messages.Published - earlier.Messages.Published) / seconds, 1),
            Math.Round((Messages.Delivered - earlier.Messages.Delivered) / seconds, 1));
    }
}

/// <summary>CPU in percent of one core (200 = both cores of this machine), RSS in MiB.</summary>
public sealed record ProcessUse(double CpuPercent, double RssMiB);

public sealed record ResourceUse(IReadOnlyDictionary<string, ProcessUse> Processes, double PostgresTransactionsPerSecond, double RabbitMqPublishedPerSecond, double RabbitMqDeliveredPerSecond);
