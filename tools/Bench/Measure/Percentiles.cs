namespace Commerce.Bench.Measure;

/// <summary>p50/p95/p99/max of a set of durations, in milliseconds (nearest-rank).</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly Percentiles None = new(0, 0, 0, 0, 0);

    public static Percentiles Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0
            ? None
            : new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
