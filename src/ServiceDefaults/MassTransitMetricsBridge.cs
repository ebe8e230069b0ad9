using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Commerce.ServiceDefaults;

/// <summary>
/// MassTransit's instruments republished under OpenTelemetry's conventions (docs/adr/0039):
/// MassTransit 8 gives its counters the unit <c>ea</c>, its histograms milliseconds and its
/// in-progress counts the type counter, which a view cannot change (views rename and re-bucket,
/// they neither convert values nor change an instrument's kind). Same names and tags; counts in
/// <c>{message}</c>, durations in seconds, in-progress and instance counts as up-down counters
/// (gauges in Prometheus). The original meter is not exported.
/// </summary>
internal sealed class MassTransitMetricsBridge : IHostedService, IDisposable
{
    /// <summary>The meter exported in place of MassTransit's own.</summary>
    public const string MeterName = "Commerce.MassTransit";

    /// <summary>MassTransit's meter, by name: this project does not reference MassTransit.</summary>
    public const string SourceMeterName = "MassTransit";

    private static readonly double[] SecondBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly MeterListener _listener = new();

    public MassTransitMetricsBridge(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SourceMeterName && Republish(instrument) is { } target)
            {
                listener.EnableMeasurementEvents(instrument, target);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Action<long, ReadOnlySpan<KeyValuePair<string, object?>>>)state!)(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Action<double, ReadOnlySpan<KeyValuePair<string, object?>>>)state!)(value, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Instruments created before this point are published to the listener as it starts.
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private object? Republish(Instrument instrument)
    {
        switch (instrument)
        {
            case Counter<long> when IsInProgress(instrument.Name):
                var upDown = _meter.CreateUpDownCounter<long>(instrument.Name, CountUnit(instrument.Name), instrument.Description);
                return (Action<long, ReadOnlySpan<KeyValuePair<string, object?>>>)((value, tags) => upDown.Add(value, tags));
            case Counter<long>:
                var counter = _meter.CreateCounter<long>(instrument.Name, CountUnit(instrument.Name), instrument.Description);
                return (Action<long, ReadOnlySpan<KeyValuePair<string, object?>>>)((value, tags) => counter.Add(value, tags));
            case Histogram<double> when instrument.Unit == "ms":
                var histogram = _meter.CreateHistogram(
                    instrument.Name,
                    "s",
                    instrument.Description?.Replace(", in millis", string.Empty, StringComparison.Ordinal),
                    tags: null,
                    advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondBuckets });
                return (Action<double, ReadOnlySpan<KeyValuePair<string, object?>>>)((value, tags) => histogram.Record(value / 1000, tags));
            default:
                return null;
        }
    }

    private static bool IsInProgress(string name) =>
        name.EndsWith(".active", StringComparison.Ordinal) || IsInstanceCount(name);

    private static bool IsInstanceCount(string name) =>
        name is "messaging.masstransit.bus" or "messaging.masstransit.endpoint";

    private static string CountUnit(string name) => IsInstanceCount(name) ? "{instance}" : "{message}";
}
