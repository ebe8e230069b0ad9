using Commerce.Bench.Load;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Reporting;

/// <summary>One minute of a drift run, and the messaging tables' size at its end.</summary>
public sealed record DriftSlice(int Minute, StepResult Step, long InboxRows, long OutboxRows)
{
    /// <summary>PostgreSQL's CPU milliseconds per transaction it committed in this minute (its drain included).</summary>
    public double? PostgresCpuPerTransaction =>
        Step.Cost is { Transactions: > 0 } cost && cost.CpuMillisecondsByProcess.TryGetValue(ResourceSampler.PostgresName, out var cpu)
            ? Math.Round(cpu / cost.Transactions, 3)
            : null;
}

/// <summary>
/// A drift run's minutes and how the last compares with the first: flat means every minute kept up
/// and the last minute's confirmed throughput and PostgreSQL CPU per transaction are within
/// <see cref="FlatTolerance"/> of the first's.
/// </summary>
public sealed record DriftReport(DriftPlan Plan, DateTimeOffset At, IReadOnlyList<DriftSlice> Slices)
{
    public const double FlatTolerance = 0.15;

    public bool KeptUpEveryMinute => Slices.Count > 0 && Slices.All(s => s.Step.KeptUp);

    /// <summary>Last minute's confirmed orders/s ÷ the first's.</summary>
    public double? ThroughputRatio => Ratio(s => s.Step.ConfirmedPerSecond);

    /// <summary>Last minute's PostgreSQL CPU per transaction ÷ the first's.</summary>
    public double? PostgresCpuPerTransactionRatio => Ratio(s => s.PostgresCpuPerTransaction);

    public bool Flat => KeptUpEveryMinute && Within(ThroughputRatio) && Within(PostgresCpuPerTransactionRatio);

    public string Summary =>
        $"drift over {Slices.Count} minute(s) at {Plan.Rate:0}/s: {(KeptUpEveryMinute ? "kept up every minute" : "NOT kept up every minute")}, " +
        $"throughput last/first {Text(ThroughputRatio)}, PostgreSQL CPU per transaction last/first {Text(PostgresCpuPerTransactionRatio)}: {(Flat ? "flat" : "not flat")}";

    private double? Ratio(Func<DriftSlice, double?> value)
    {
        if (Slices.Count < 2 || value(Slices[0]) is not { } first || value(Slices[^1]) is not { } last || first <= 0)
        {
            return null;
        }

        return Math.Round(last / first, 2);
    }

    private static bool Within(double? ratio) => ratio is { } r && Math.Abs(r - 1) <= FlatTolerance;

    private static string Text(double? ratio) => ratio is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
