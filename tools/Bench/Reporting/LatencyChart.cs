using Commerce.Bench.Load;
using ScottPlot;

namespace Commerce.Bench.Reporting;

/// <summary>latency.png: p50 and p99 of the 202 and of Submitted → Confirmed against the offered rate.</summary>
public static class LatencyChart
{
    public static void Save(BenchReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var rates = report.Steps.Select(s => s.OfferedPerSecond).ToArray();
        Add(plot, rates, report.Steps, s => s.AcceptLatency.P50, "202 p50");
        Add(plot, rates, report.Steps, s => s.AcceptLatency.P99, "202 p99");
        Add(plot, rates, report.Steps, s => s.ConfirmLatency.P50, "→ Confirmed p50");
        Add(plot, rates, report.Steps, s => s.ConfirmLatency.P99, "→ Confirmed p99");
        plot.Title($"Checkout latency against offered rate ({report.Mode}); knee {report.KneePerSecond:0}/s");
        plot.XLabel("offered checkouts per second");
        plot.YLabel("latency (ms, log scale)");
        // Latencies span 1 ms to seconds: plot log10 of them and label the ticks with the real values.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 540);
    }

    private static void Add(Plot plot, double[] rates, IReadOnlyList<StepResult> steps, Func<StepResult, double> value, string label)
    {
        var ys = steps.Select(s => Math.Log10(Math.Max(1, value(s)))).ToArray();
        var line = plot.Add.Scatter(rates, ys);
        line.LegendText = label;
    }
}
