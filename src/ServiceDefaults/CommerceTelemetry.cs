namespace Commerce.ServiceDefaults;

/// <summary>The names this system's own instruments are published under (exported at <c>/metrics</c>).</summary>
public static class CommerceTelemetry
{
    /// <summary>The meter (and activity source) of the system's own counters, gauges and histograms.</summary>
    public const string MeterName = "Commerce";

    /// <summary>What every instrument name starts with: <c>commerce.outbox.delivered</c>, <c>commerce.orders.stuck</c>, ….</summary>
    public const string InstrumentPrefix = "commerce";
}
