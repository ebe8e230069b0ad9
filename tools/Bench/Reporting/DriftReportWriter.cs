using System.Globalization;
using System.Text;

namespace Commerce.Bench.Reporting;

/// <summary>Writes a drift run as drift.md and drift.json into a results folder.</summary>
public static class DriftReportWriter
{
    public static Task<string> WriteAsync(DriftReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportWriter.WriteJsonAndMarkdownAsync(directory, "drift", report, Markdown(report), cancellationToken);
    }

    public static string Markdown(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Drift run, {report.At:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{report.Plan.Rate:0} checkouts/s held for {report.Plan.Minutes} one-minute steps over {report.Plan.Products} product(s), each step drained (every order final, every queue empty) and measured before the next.");
        md.AppendLine();
        md.AppendLine("| minute | confirmed/s | kept up | 202 p99 ms | Submitted→Confirmed p99 ms | drained in s | transactions/order | round trips/order | CPU ms/order | PostgreSQL CPU ms/transaction | inbox rows | outbox rows |");
        md.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var slice in report.Slices)
        {
            var step = slice.Step;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {slice.Minute} | {step.ConfirmedPerSecond:0.#} | {(step.KeptUp ? "yes" : "no")} | {step.AcceptLatency.P99:0} | {step.ConfirmLatency.P99:0} | {step.DrainSeconds?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–"} | {step.Cost?.Transactions:0.#} | {step.Cost?.RoundTrips:0.#} | {step.Cost?.CpuMilliseconds:0.#} | {slice.PostgresCpuPerTransaction:0.000} | {slice.InboxRows} | {slice.OutboxRows} |");
        }

        md.AppendLine();
        md.AppendLine(report.Summary);
        return md.ToString();
    }
}
