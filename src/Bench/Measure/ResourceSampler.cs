using Commerce.Messaging.Management;
using Npgsql;

namespace Commerce.Bench.Measure;

/// <summary>
/// Reads the cumulative counters a step's resource use is computed from: CPU and RSS per process
/// (ours by pid, the services by name), PostgreSQL transactions of the bench database, RabbitMQ
/// messages published and delivered in the bench's virtual host.
/// </summary>
public sealed class ResourceSampler(IReadOnlyDictionary<string, Func<IReadOnlyList<int>>> processes, string connectionString, string database, RabbitMqManagementClient management, string virtualHost)
{
    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>
    {
        ["postgresql"] = "postgres",
        ["rabbitmq"] = "beam.smp",
        ["redis"] = "redis-server",
    };

    public async Task<ResourceSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var perProcess = new Dictionary<string, (double, long)>();
        foreach (var (name, pids) in processes)
        {
            var readings = pids().Select(ProcessTable.Read).ToList();
            perProcess[name] = (readings.Sum(r => r.CpuSeconds), readings.Sum(r => r.RssBytes));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @db", connection);
        command.Parameters.AddWithValue("db", database);
        var transactions = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
        MessageTotals messages;
        try
        {
            messages = await management.GetMessageTotalsAsync(virtualHost, cancellationToken);
        }
        catch (HttpRequestException)
        {
            messages = new MessageTotals(0, 0);
        }

        return new ResourceSnapshot(DateTimeOffset.UtcNow, perProcess, transactions, messages);
    }
}

public sealed record ResourceSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, (double CpuSeconds, long RssBytes)> Processes, long PostgresTransactions, MessageTotals Messages)
{
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
