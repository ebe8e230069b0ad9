using System.Globalization;
using System.Text;
using System.Text.Json;
using Commerce.Bench.Load;
using Commerce.Bench.Measure;

namespace Commerce.Bench.Reporting;

/// <summary>Writes a bench report as report.md, report.json and latency.png into a results folder.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<string> WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var markdown = await WriteJsonAndMarkdownAsync(directory, "report", report, Markdown(report), cancellationToken);
        LatencyChart.Save(report, Path.Combine(directory, "latency.png"));
        return markdown;
    }

    /// <summary>A report as <c>NAME.json</c> and <c>NAME.md</c> in <paramref name="directory"/>; returns the markdown.</summary>
    internal static async Task<string> WriteJsonAndMarkdownAsync<T>(string directory, string name, T report, string markdown, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.json"), JsonSerializer.Serialize(report, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, $"{name}.md"), markdown, cancellationToken);
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
        md.AppendLine(CultureInfo.InvariantCulture, $"Same-flow baseline (the Workers' OrderStateMachine on MassTransit 8.5.12's in-memory saga repository, consumers without I/O on the same queues and endpoint settings, schedules in process; no outbox, inbox or database; same RabbitMQ, same ramp): knee {report.SameFlow.KneePerSecond:0} orders/s{(report.SameFlow.KeptUpAtEveryRate ? " (kept up at every rate of the ramp: its knee is at least this, so the ratio is at most the one shown)" : string.Empty)}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**ratio to same-flow baseline: {report.RatioToSameFlow:0.00}** (knee ÷ same-flow knee)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"ratio to 3-step baseline: {report.RatioToThreeStepBaseline:0.00} (best confirmed ÷ {report.Baseline.SagasPerSecond:0.#} sagas/s of a 3-step saga with nothing behind it, {report.Baseline.Sagas} submitted at once and done in {report.Baseline.Seconds:0.##} s)");
        md.AppendLine();
        md.AppendLine("Commerce:");
        md.AppendLine();
        AppendSteps(md, report.Sustained is null ? report.Steps : [.. report.Steps, report.Sustained], report.Sustained);
        md.AppendLine();
        md.AppendLine("Same-flow baseline:");
        md.AppendLine();
        AppendSteps(md, report.SameFlow.Steps, null);
        md.AppendLine();
        md.AppendLine("Resources while the load ran (CPU in % of one core; 200 % is the whole machine), commerce then same-flow:");
        md.AppendLine();
        AppendResources(md, report.Steps);
        md.AppendLine();
        AppendResources(md, report.SameFlow.Steps);
        md.AppendLine();
        AppendCost(md, report);
        md.AppendLine();
        AppendMessages(md, report);
        md.AppendLine();
        AppendTargets(md, report.Targets);
        return md.ToString();
    }

    internal static void AppendTargets(StringBuilder md, IEnumerable<TargetCheck> targets)
    {
        md.AppendLine("| target | measured | met |");
        md.AppendLine("|---|---|---|");
        foreach (var target in targets)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {target.Target} | {target.Measured} | {target.Met switch { true => "yes", false => "no", null => "–" }} |");
        }
    }

    private static void AppendSteps(StringBuilder md, IReadOnlyList<StepResult> steps, StepResult? sustained)
    {
        md.AppendLine("| offered/s | sent | accepted | refused | unknown | accepted/s | confirmed/s | 202 p50 / p95 / p99 ms | → Confirmed p50 / p95 / p99 ms | kept up |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var step in steps)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {step.OfferedPerSecond:0}{(step == sustained ? " (held)" : string.Empty)} | {step.Sent} | {step.Accepted} | {step.Refused} | {step.Unknown} | {step.AcceptedPerSecond:0.#} | {step.ConfirmedPerSecond:0.#} | {Triple(step.AcceptLatency)} | {Triple(step.ConfirmLatency)} | {(step.KeptUp ? "yes" : "no")} |");
        }
    }

    private static void AppendResources(StringBuilder md, IReadOnlyList<StepResult> steps) =>
        AppendResources(md, [.. steps.Select(s => (s.OfferedPerSecond, s.Resources))]);

    /// <summary>CPU and RSS of each process, PostgreSQL transactions and RabbitMQ messages per second, a row per step.</summary>
    internal static void AppendResources(StringBuilder md, IReadOnlyList<(double OfferedPerSecond, ResourceUse Resources)> steps)
    {
        var names = steps.SelectMany(s => s.Resources.Processes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        md.AppendLine("| offered/s | " + string.Join(" | ", names.Select(n => $"{n} CPU % / RSS MiB")) + " | PostgreSQL tx/s | RabbitMQ published/s | RabbitMQ delivered/s |");
        md.AppendLine("|---:|" + string.Concat(names.Select(_ => "---:|")) + "---:|---:|---:|");
        foreach (var step in steps)
        {
            var cells = names.Select(n => step.Resources.Processes.TryGetValue(n, out var p) ? $"{p.CpuPercent:0} / {p.RssMiB:0}" : "–");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {step.OfferedPerSecond:0} | {string.Join(" | ", cells)} | {step.Resources.PostgresTransactionsPerSecond:0} | {step.Resources.RabbitMqPublishedPerSecond:0} | {step.Resources.RabbitMqDeliveredPerSecond:0} |");
        }
    }

    /// <summary>Both cost lines, where they come from, and the CPU of each process per order.</summary>
    private static void AppendCost(StringBuilder md, BenchReport report)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"Cost per accepted order (commerce: {report.CostBasis}; same-flow: {report.SameFlow.CostBasis}; from before the step until every order was final, the queues empty and the counters caught up):");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"    {report.CostLine}");
        md.AppendLine(CultureInfo.InvariantCulture, $"    {report.SameFlow.CostLine}");
        if (report.IdleLines.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Each system's background with no orders (measured after its warm-up; the outbox and scheduler polls, scrapes and the bench's own reads), and the cost per order without it over the same window:");
            md.AppendLine();
            foreach (var line in report.IdleLines)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"    {line}");
            }
        }
        if (report.CostPerOrder is not { } cost)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Transactions from pg_stat_database, statements from pg_stat_statements (n/a without it), round trips from Npgsql's own meter in the Api and Workers (a batch is one; BEGIN rides on the first command){(cost.RoundTripsIncludeCommits ? " plus COMMIT/ROLLBACK from pg_stat_statements" : "; COMMIT/ROLLBACK not included, pg_stat_statements unavailable")}, deliveries from RabbitMQ's vhost totals; {cost.Orders} orders over {cost.Seconds:0.#} s. The same-flow baseline has no database (its PostgreSQL figures are 0); its CPU covers its host process and the same services.");
        md.AppendLine();
        var sameFlow = report.SameFlow.CostPerOrder?.CpuMillisecondsByProcess ?? new Dictionary<string, double>();
        md.AppendLine("| process | commerce CPU ms per order | same-flow CPU ms per order |");
        md.AppendLine("|---|---:|---:|");
        foreach (var name in cost.CpuMillisecondsByProcess.Keys.Union(sameFlow.Keys).Order(StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(cost.CpuMillisecondsByProcess, name)} | {Cell(sameFlow, name)} |");
        }
    }

    /// <summary>Messages per order each queue took in and delivered, in both systems; the run fails where they differ.</summary>
    private static void AppendMessages(StringBuilder md, BenchReport report)
    {
        var commerce = report.CostPerOrder?.Queues ?? new Dictionary<string, QueueFlow>();
        var sameFlow = report.SameFlow.CostPerOrder?.Queues ?? new Dictionary<string, QueueFlow>();
        md.AppendLine("Messages per order by queue (published into / delivered from), over the steps the costs are from:");
        md.AppendLine();
        md.AppendLine("| queue | commerce | same-flow | same |");
        md.AppendLine("|---|---:|---:|---|");
        var differing = report.MessageDifferences.Select(d => d.Queue).ToHashSet(StringComparer.Ordinal);
        foreach (var queue in commerce.Keys.Union(sameFlow.Keys).Order(StringComparer.Ordinal))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {queue} | {Flow(commerce, queue)} | {Flow(sameFlow, queue)} | {(differing.Contains(queue) ? "**no**" : "yes")} |");
        }

        md.AppendLine();
        md.AppendLine(report.MessageDifferences.Count == 0
            ? "Both systems move the same messages per order."
            : $"**The flows differ** in {string.Join("; ", report.MessageDifferences)}.");
    }

    private static string Cell(IReadOnlyDictionary<string, double> values, string key) =>
        values.TryGetValue(key, out var v) ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    private static string Flow(IReadOnlyDictionary<string, QueueFlow> flows, string queue) =>
        flows.TryGetValue(queue, out var f) ? string.Create(CultureInfo.InvariantCulture, $"{f.Published:0.##} / {f.Delivered:0.##}") : "–";

    internal static string Triple(Percentiles p) =>
        p.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{p.P50:0} / {p.P95:0} / {p.P99:0}");
}
