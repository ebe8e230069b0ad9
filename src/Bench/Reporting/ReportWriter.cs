using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Commerce.Bench.Reporting;

/// <summary>Writes a bench report as report.md, report.json and latency.png into a results folder.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<string> WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json), cancellationToken);
        var markdown = Markdown(report);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), markdown, cancellationToken);
        LatencyChart.Save(report, Path.Combine(directory, "latency.png"));
        return markdown;
    }

    public static string Markdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Bench ({report.Mode}), {report.At:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {report.Machine}. Everything (PostgreSQL, RabbitMQ, Redis, Sandbox, Api, Workers, load generator) on it. Checkouts of one unit each, over {report.Products} product(s) round robin.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**Knee: {report.KneePerSecond:0} orders/s** (highest offered rate fully accepted and confirmed, every order final and every queue empty afterwards). Best confirmed: {report.BestConfirmedPerSecond:0.#} orders/s.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Baseline (MassTransit 8.5.12, in-memory saga, no outbox, same RabbitMQ): {report.Baseline.SagasPerSecond:0.#} sagas/s ({report.Baseline.Sagas} in {report.Baseline.Seconds:0.##} s).");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**ratio to baseline: {report.RatioToBaseline:0.00}**");
        md.AppendLine();
        md.AppendLine("| offered/s | sent | accepted | refused | unknown | accepted/s | confirmed/s | 202 p50 / p95 / p99 ms | → Confirmed p50 / p95 / p99 ms | kept up |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var step in report.Sustained is null ? report.Steps : [.. report.Steps, report.Sustained])
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {step.OfferedPerSecond:0}{(step == report.Sustained ? " (held)" : string.Empty)} | {step.Sent} | {step.Accepted} | {step.Refused} | {step.Unknown} | {step.AcceptedPerSecond:0.#} | {step.ConfirmedPerSecond:0.#} | {Triple(step.AcceptLatency)} | {Triple(step.ConfirmLatency)} | {(step.KeptUp ? "yes" : "no")} |");
        }

        md.AppendLine();
        md.AppendLine("Resources while the load ran (CPU in % of one core; 200 % is the whole machine):");
        md.AppendLine();
        var names = report.Steps.SelectMany(s => s.Resources.Processes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        md.AppendLine("| offered/s | " + string.Join(" | ", names.Select(n => $"{n} CPU % / RSS MiB")) + " | PostgreSQL tx/s | RabbitMQ published/s | RabbitMQ delivered/s |");
        md.AppendLine("|---:|" + string.Concat(names.Select(_ => "---:|")) + "---:|---:|---:|");
        foreach (var step in report.Steps)
        {
            var cells = names.Select(n => step.Resources.Processes.TryGetValue(n, out var p) ? $"{p.CpuPercent:0} / {p.RssMiB:0}" : "–");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {step.OfferedPerSecond:0} | {string.Join(" | ", cells)} | {step.Resources.PostgresTransactionsPerSecond:0} | {step.Resources.RabbitMqPublishedPerSecond:0} | {step.Resources.RabbitMqDeliveredPerSecond:0} |");
        }

        md.AppendLine();
        AppendCost(md, report);
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        foreach (var target in report.Targets)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {target.Target} | {target.Measured} | {target.Met switch { true => "yes", false => "no", null => "–" }} |");
        }

        return md.ToString();
    }

    /// <summary>The cost line, where it comes from, and the CPU of each process per order.</summary>
    private static void AppendCost(StringBuilder md, BenchReport report)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"Cost per accepted order ({report.CostBasis}; from before the step until every order was final, the queues empty and the counters caught up):");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"    {report.CostLine}");
        if (report.CostPerOrder is not { } cost)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Transactions from pg_stat_database, statements from pg_stat_statements (n/a without it), round trips from Npgsql's own meter in the Api and Workers (a batch is one; BEGIN rides on the first command){(cost.RoundTripsIncludeCommits ? " plus COMMIT/ROLLBACK from pg_stat_statements" : "; COMMIT/ROLLBACK not included, pg_stat_statements unavailable")}, deliveries from RabbitMQ's vhost totals; {cost.Orders} orders over {cost.Seconds:0.#} s.");
        md.AppendLine();
        md.AppendLine("| process | CPU ms per order |");
        md.AppendLine("|---|---:|");
        foreach (var (name, milliseconds) in cost.CpuMillisecondsByProcess.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {milliseconds:0.#} |");
        }
    }

    private static string Triple(Measure.Percentiles p) =>
        p.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{p.P50:0} / {p.P95:0} / {p.P99:0}");
}
