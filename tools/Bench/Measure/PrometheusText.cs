using System.Globalization;

namespace Commerce.Bench.Measure;

/// <summary>Reads one figure out of a Prometheus text exposition (what <c>/metrics</c> serves).</summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of every series of <paramref name="metric"/> (all label sets: pools, servers), or null
    /// when the text has none, e.g. because the meter is not exported.
    /// </summary>
    public static double? Sum(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double? sum = null;
        foreach (var raw in exposition.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            // Label values may hold spaces (a pool is named after its connection string), so the
            // value starts after the closing brace; a timestamp may follow it.
            var rest = line[metric.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            rest = rest.TrimStart();
            var end = rest.IndexOf(' ');
            var value = end < 0 ? rest : rest[..end];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                sum = (sum ?? 0) + parsed;
            }
        }

        return sum;
    }
}
