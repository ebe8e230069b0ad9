using System.Globalization;

namespace Commerce.Bench.Measure;

/// <summary>
/// What one accepted order cost, from counters read before a step and again once every order of it
/// was final, the queues empty and the counters caught up (so the work of the backlog the step left
/// is in, and the next step's is not). Background work in that window (outbox and scheduler polls)
/// is part of the cost too: the system pays for it whether orders come or not.
/// </summary>
public sealed record OrderCost(
    int Orders,
    double Seconds,
    double Transactions,
    double? Statements,
    double? NpgsqlOperations,
    double? Commits,
    double Deliveries,
    double CpuMilliseconds,
    IReadOnlyDictionary<string, double> CpuMillisecondsByProcess)
{
    /// <summary>
    /// Client-side round trips: Npgsql's commands and batches plus the COMMIT/ROLLBACK round trips
    /// it does not count (see <see cref="ResourceSampler.NpgsqlOperationsMetric"/>). Without
    /// pg_stat_statements only the former: <see cref="RoundTripsIncludeCommits"/> is then false.
    /// </summary>
    public double? RoundTrips => NpgsqlOperations is { } operations ? Math.Round(operations + (Commits ?? 0), 1) : null;

    public bool RoundTripsIncludeCommits => Commits is not null;

    /// <summary>Per order, messages routed into and delivered from each queue of the virtual host.</summary>
    public IReadOnlyDictionary<string, QueueFlow> Queues { get; init; } = new Dictionary<string, QueueFlow>();

    public static OrderCost Between(ResourceSnapshot before, ResourceSnapshot after, int orders)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var per = Math.Max(1, orders);
        // A process that exits inside the window takes its CPU time with it; never count less than nothing.
        var cpu = after.Processes.ToDictionary(
            p => p.Key,
            p => Math.Round(Math.Max(0, p.Value.CpuSeconds - before.Processes.GetValueOrDefault(p.Key).CpuSeconds) * 1000 / per, 1));
        return new OrderCost(
            orders,
            Math.Round((after.At - before.At).TotalSeconds, 1),
            PerOrder(after.PostgresTransactions - before.PostgresTransactions, per),
            Delta(before.Statements, after.Statements, per),
            Delta(before.NpgsqlOperations, after.NpgsqlOperations, per),
            Delta(before.Commits, after.Commits, per),
            PerOrder(after.Messages.Delivered - before.Messages.Delivered, per),
            Math.Round(cpu.Values.Sum(), 1),
            cpu)
        {
            Queues = after.Queues.ToDictionary(
                q => q.Key,
                q => new QueueFlow(
                    PerOrder(q.Value.Published - (before.Queues.GetValueOrDefault(q.Key)?.Published ?? 0), per, 2),
                    PerOrder(q.Value.Delivered - (before.Queues.GetValueOrDefault(q.Key)?.Delivered ?? 0), per, 2)),
                StringComparer.Ordinal),
        };
    }

    /// <summary>The line of a system whose cost may not have been measured: then n/a and why.</summary>
    public static string LineOf(OrderCost? cost, string system, string basis) => cost?.Line(system) ?? $"per order ({system}): n/a ({basis})";

    /// <summary>The label of <see cref="WithoutIdle"/>'s line: <c>per order without idle background (commerce): …</c>.</summary>
    public const string WithoutIdleLabel = "per order without idle background";

    /// <summary>
    /// This cost less the system's idle background over the same window (<see cref="IdleBackground"/>):
    /// what the orders themselves added. Never below zero, which noise between the windows could give.
    /// </summary>
    public OrderCost WithoutIdle(IdleBackground idle)
    {
        ArgumentNullException.ThrowIfNull(idle);
        // The idle window's totals, scaled to this window's length and spread over its orders.
        var share = Seconds / Math.Max(0.1, idle.Window.Seconds) / Math.Max(1, Orders);
        double Less(double value, double idleTotal) => Math.Round(Math.Max(0, value - idleTotal * share), 1);
        double? LessKnown(double? value, double? idleTotal) => value is { } v && idleTotal is { } i ? Less(v, i) : null;
        var cpu = CpuMillisecondsByProcess.ToDictionary(
            p => p.Key,
            p => Less(p.Value, idle.Window.CpuMillisecondsByProcess.GetValueOrDefault(p.Key)));
        return this with
        {
            Transactions = Less(Transactions, idle.Window.Transactions),
            Statements = LessKnown(Statements, idle.Window.Statements),
            NpgsqlOperations = LessKnown(NpgsqlOperations, idle.Window.NpgsqlOperations),
            Commits = LessKnown(Commits, idle.Window.Commits),
            Deliveries = Less(Deliveries, idle.Window.Deliveries),
            CpuMilliseconds = Math.Round(cpu.Values.Sum(), 1),
            CpuMillisecondsByProcess = cpu,
        };
    }

    /// <summary>The one line <c>./commerce bench</c> prints per system measured (issue 19); <paramref name="label"/> names a derived figure.</summary>
    public string Line(string system, string label = "per order") => string.Create(
        CultureInfo.InvariantCulture,
        $"{label} ({system}): {Figure(Transactions)} transactions, {Figure(Statements)} statements, {Figure(RoundTrips)} round trips, {Figure(Deliveries)} deliveries, {CpuMilliseconds:0} ms CPU");

    private static double? Delta(long? before, long? after, int orders) =>
        before is { } b && after is { } a ? PerOrder(a - b, orders) : null;

    private static double PerOrder(long count, int orders, int decimals = 1) => Math.Round((double)count / orders, decimals);

    private static string Figure(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>Messages per order one queue took in and gave out.</summary>
public sealed record QueueFlow(double Published, double Delivered);
