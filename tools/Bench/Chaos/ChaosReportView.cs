using System.Text.Json;
using Commerce.Bench.Load;
using Spectre.Console;

namespace Commerce.Bench.Chaos;

/// <summary>The chaos run's verdict on the console: the strikes, the history's outcomes, and per invariant what was lost, duplicated or stuck.</summary>
public static class ChaosReportView
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var strikes = report.Strikes.GroupBy(s => s.Fault).Select(g => $"{g.Key} ×{g.Count()}");
        AnsiConsole.MarkupLine($"[bold]Nemesis[/]: {Markup.Escape(string.Join(", ", strikes))}; {report.WorkerRestarts} Workers restarts");
        if (report.NotStruck.Count > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]not struck[/]: {Markup.Escape(string.Join(", ", report.NotStruck))} (the load reached its allowance first; inconclusive)");
        }

        var accepted = report.History.Count(h => h.Result == CheckoutResult.Accepted);
        var retried = report.History.Count(h => h.Statuses.Count > 1);
        AnsiConsole.MarkupLine($"[bold]History[/]: {report.History.Count} checkouts, {accepted} accepted, {report.History.Count(h => h.Result == CheckoutResult.Refused)} refused, {report.History.Count(h => h.Result == CheckoutResult.Unknown)} unknown, {retried} needed retries; {report.Orders} orders stored");
        var left = report.Backlog;
        var backlog = $"{left.OrdersNotFinal} orders not final, {left.QueuedMessages} messages queued, {left.OutboxRows} outbox rows, {left.OpenSagas} sagas open";
        AnsiConsole.MarkupLine(report.Ending switch
        {
            QuiescenceVerdict.Quiescent => $"[bold]Quiescent[/] {report.Quiescence?.TotalSeconds:0} s after healing",
            QuiescenceVerdict.StillDraining => $"[yellow]still draining[/] at the {report.Plan.QuiescenceCap.TotalMinutes:0}-minute cap: {backlog} (backlog, not counted as violations; inconclusive)",
            _ => $"[red]stalled[/]: the backlog stopped shrinking for {report.Plan.StallWindow.TotalSeconds:0} s with {backlog} (stuck, counted as violations)",
        });
        var table = new Table().AddColumns("", "invariant", "lost", "duplicated", "stuck", "other", "violations", "still draining");
        foreach (var result in report.Invariants)
        {
            var verdict = result.Violations == 0 ? "[green]0[/]" : $"[red]{result.Violations}[/]";
            table.AddRow(result.Id, Markup.Escape(result.Description), result.LostCount.ToString(), result.DuplicatedCount.ToString(), result.StuckCount.ToString(), result.OtherCount.ToString(), verdict, result.DrainingCount.ToString());
        }

        AnsiConsole.Write(table);
        foreach (var example in report.Invariants.SelectMany(i => i.Examples.Select(e => $"{i.Id}: {e}")))
        {
            AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(example)}[/]");
        }

        AnsiConsole.MarkupLine(report.Violations == 0 ? "[green bold]0 violations[/]" : $"[red bold]{report.Violations} violations[/]");
        if (report.StillDraining > 0)
        {
            AnsiConsole.MarkupLine($"[yellow bold]{report.StillDraining} findings still draining[/] (missing or unfinished while the backlog was still shrinking; neither proven nor violations)");
        }
    }
}
