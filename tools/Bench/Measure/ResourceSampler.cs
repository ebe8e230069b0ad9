using Commerce.Operations.Management;
using Npgsql;

namespace Commerce.Bench.Measure;

/// <summary>
/// Reads the cumulative counters a step's resource use and cost per order are computed from: CPU
/// and RSS per process (ours by pid, the services by name), PostgreSQL transactions and statements
/// of the bench database, round trips the Api and Workers made, RabbitMQ messages published and
/// delivered in the bench's virtual host, in total and per queue. Without a database (the same-flow
/// baseline has none) the PostgreSQL figures are zero: nothing was spent there.
/// </summary>
public sealed class ResourceSampler(
    IReadOnlyDictionary<string, Func<IReadOnlyList<int>>> processes,
    string? connectionString,
    string? database,
    RabbitMqManagementClient management,
    QueueCounters queues,
    string virtualHost,
    IReadOnlyList<Uri> metricsEndpoints,
    HttpClient http)
{
    /// <summary>The name PostgreSQL's processes are charged under in <see cref="Services"/> and the cost per process.</summary>
    public const string PostgresName = "postgresql";

    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>
    {
        [PostgresName] = "postgres",
        ["rabbitmq"] = "beam.smp",
        ["redis"] = "redis-server",
    };

    /// <summary>
    /// Npgsql 10 records this histogram once per <c>NpgsqlCommand</c> or <c>NpgsqlBatch</c> executed
    /// (MetricsReporter.ReportCommandStart/Stop), so its count is the client's round trips with a batch
    /// as one. BEGIN costs none: Npgsql prepends it to the transaction's first command. COMMIT and
    /// ROLLBACK are each a round trip of their own that the histogram does not see (Npgsql sends
    /// them as internal commands), so the cost adds them from pg_stat_statements.
    /// </summary>
    public const string NpgsqlOperationsMetric = "db_client_operation_duration_seconds_count";

    // Top-level statements only (pg_stat_statements.track = top, the default), this database only;
    // COMMIT and ROLLBACK separately for the round trips above.
    private const string StatementsSql = """
        SELECT coalesce(sum(calls), 0)::bigint,
               coalesce(sum(calls) FILTER (WHERE upper(query) IN ('COMMIT', 'ROLLBACK')), 0)::bigint
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        """;

    public async Task<ResourceSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var perProcess = new Dictionary<string, (double, long)>();
        foreach (var (name, pids) in processes)
        {
            var readings = pids().Select(ProcessTable.Read).ToList();
            perProcess[name] = (readings.Sum(r => r.CpuSeconds), readings.Sum(r => r.RssBytes));
        }

        var (transactions, statements, commits) = connectionString is null || database is null
            ? (0L, 0L, 0L)
            : await DatabaseAsync(connectionString, database, cancellationToken);
        MessageTotals messages;
        IReadOnlyDictionary<string, QueueMessages> perQueue;
        try
        {
            messages = await management.GetMessageTotalsAsync(virtualHost, cancellationToken);
            perQueue = await queues.ReadAsync(virtualHost, cancellationToken);
        }
        catch (HttpRequestException)
        {
            messages = new MessageTotals(0, 0);
            perQueue = new Dictionary<string, QueueMessages>();
        }

        return new ResourceSnapshot(DateTimeOffset.UtcNow, perProcess, transactions, messages)
        {
            Statements = statements,
            Commits = commits,
            NpgsqlOperations = await NpgsqlOperationsAsync(cancellationToken),
            Queues = perQueue,
        };
    }

    private static async Task<(long Transactions, long? Statements, long? Commits)> DatabaseAsync(string connection, string name, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = @db", db);
        command.Parameters.AddWithValue("db", name);
        var transactions = (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
        var (statements, commits) = await StatementsAsync(db, cancellationToken);
        return (transactions, statements, commits);
    }

    /// <summary>Null, null when pg_stat_statements is not installed or not preloaded: the report says n/a.</summary>
    private static async Task<(long?, long?)> StatementsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand(StatementsSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (PostgresException)
        {
            return (null, null);
        }
    }

    /// <summary>The sum over the Api and Workers processes; null if one of them did not answer.</summary>
    private async Task<long?> NpgsqlOperationsAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var endpoint in metricsEndpoints)
        {
            try
            {
                var text = await http.GetStringAsync(endpoint, cancellationToken);
                total += (long)(PrometheusText.Sum(text, NpgsqlOperationsMetric) ?? 0);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        return total;
    }
}
