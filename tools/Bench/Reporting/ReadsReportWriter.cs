using System.Globalization;
using System.Text;
using Commerce.Bench.Load;

namespace Commerce.Bench.Reporting;

/// <summary>A read run as report.md renders it (report.json is the record itself).</summary>
public static class ReadsReportWriter
{
    public static string Markdown(ReadsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# Read bench ({report.Mode}), {report.At:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {report.Machine}. Everything (PostgreSQL, RabbitMQ, Redis, Sandbox, Api, Workers, load generator) on it. A catalog of {report.Products} products; anonymous `GET /api/v1/products` searches and `GET /api/v1/products/{{id}}` reads at fixed rates (open model: latency from each request's intended start, failures included), each step after an uncounted warm-up at its rate; the knee is the highest rate kept up (every answer a 200, at least {KneeRule.PaceShare:0%} of the offered rate answered), as the checkout ramp's.");
        foreach (var backend in report.Backends)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"""

                ## {backend.Backend}

                | workload | offered/s | sent | 200 | errors | answered/s | p50 / p95 / p99 ms | max ms | kept up |
                |---|---:|---:|---:|---:|---:|---|---:|---|
                """);
            foreach (var ramp in backend.Workloads)
            {
                foreach (var step in ramp.Steps)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {ramp.Workload} | {step.OfferedPerSecond:0} | {step.Sent} | {step.Ok} | {step.Errors} | {step.AchievedPerSecond:0.#} | {ReportWriter.Triple(step.Latency)} | {step.Latency.Max:0} | {(step.KeptUp ? "yes" : "no")} |");
                }
            }

            md.AppendLine();
            foreach (var line in backend.Lines)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
            }

            foreach (var ramp in backend.Workloads)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"Resources while {ramp.Workload} ran (CPU in % of one core; 200 % is the whole machine):");
                md.AppendLine();
                ReportWriter.AppendResources(md, [.. ramp.Steps.Select(s => (s.OfferedPerSecond, s.Resources))]);
            }
        }

        md.AppendLine();
        ReportWriter.AppendTargets(md, report.Targets);
        if (report.Skipped.Count > 0)
        {
            md.AppendLine();
            foreach (var line in report.Skipped)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
            }
        }

        return md.ToString();
    }
}
