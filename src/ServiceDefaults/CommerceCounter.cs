using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Commerce.ServiceDefaults;

/// <summary>A counter on the one <c>Commerce</c> meter, named <c>commerce.&lt;name&gt;</c>, added to with string tags: the hosts' business counters.</summary>
public sealed class CommerceCounter
{
    private readonly Counter<long> _counter;

    public CommerceCounter(IMeterFactory meters, string name, string unit, string description)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Name = $"{CommerceTelemetry.InstrumentPrefix}.{name}";
        _counter = meters.Create(CommerceTelemetry.MeterName).CreateCounter<long>(Name, unit, description);
    }

    public string Name { get; }

    public void Add(params ReadOnlySpan<(string Key, string Value)> tags)
    {
        var list = new TagList();
        foreach (var (key, value) in tags)
        {
            list.Add(key, value);
        }

        _counter.Add(1, list);
    }
}
