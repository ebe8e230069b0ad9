namespace Commerce.Bench.Hosting;

/// <summary>
/// The warehouse a bench runs against: the delays it sets on the real sandbox (shorter than the
/// sandbox's own 2 s and 4 s, so a step drains sooner), which the same-flow baseline's warehouse
/// twin waits too, so both systems' orders take equally long to reach Delivered.
/// </summary>
public static class BenchWarehouse
{
    public static readonly TimeSpan DispatchAfter = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DeliverAfter = TimeSpan.FromSeconds(1);

    /// <summary>The sandbox's carrier.</summary>
    public const string Carrier = "SandboxPost";
}
