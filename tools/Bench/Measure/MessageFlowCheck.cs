using System.Globalization;

namespace Commerce.Bench.Measure;

/// <summary>
/// The same-flow baseline is only a fair comparison if it moves the same messages: per order, each
/// queue must take in and deliver as many in both systems. A queue only one of them declared
/// counts as zero on the other side, so a queue the real system pays for and the baseline does
/// not have (or the reverse) is a difference too.
/// </summary>
public static class MessageFlowCheck
{
    /// <summary>Per-order figures closer than this are the same: a rare redelivery is not a different flow.</summary>
    public const double Tolerance = 0.05;

    private static readonly QueueFlow None = new(0, 0);

    public static IReadOnlyList<QueueDifference> Compare(IReadOnlyDictionary<string, QueueFlow> commerce, IReadOnlyDictionary<string, QueueFlow> sameFlow)
    {
        ArgumentNullException.ThrowIfNull(commerce);
        ArgumentNullException.ThrowIfNull(sameFlow);
        return [.. commerce.Keys.Union(sameFlow.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(queue => new QueueDifference(queue, commerce.GetValueOrDefault(queue), sameFlow.GetValueOrDefault(queue)))
            .Where(d => !Same(d.Commerce ?? None, d.SameFlow ?? None))];
    }

    private static bool Same(QueueFlow a, QueueFlow b) =>
        Math.Abs(a.Published - b.Published) < Tolerance && Math.Abs(a.Delivered - b.Delivered) < Tolerance;
}

/// <summary>One queue whose messages per order differ; null where that system has no such queue.</summary>
public sealed record QueueDifference(string Queue, QueueFlow? Commerce, QueueFlow? SameFlow)
{
    /// <summary>e.g. <c>scheduler: commerce 2 published, 2 delivered; same-flow no such queue</c>.</summary>
    public override string ToString() => $"{Queue}: commerce {Side(Commerce)}; same-flow {Side(SameFlow)}";

    private static string Side(QueueFlow? flow) => flow is null
        ? "no such queue"
        : string.Create(CultureInfo.InvariantCulture, $"{flow.Published:0.##} published, {flow.Delivered:0.##} delivered");
}
