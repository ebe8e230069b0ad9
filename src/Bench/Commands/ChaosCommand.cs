using System.CommandLine;
using System.Text.Json;
using Commerce.Bench.Chaos;
using Spectre.Console;

namespace Commerce.Bench.Commands;

internal static class ChaosCommand
{
    public static Command Create()
    {
        var longer = new Option<bool>("--long") { Description = "Ten minutes of load instead of the short run's eighty seconds." };
        var faults = new Option<Fault[]>("--faults") { Description = "Only these faults (KillWorker, RestartRabbitMq, RestartPostgres, StopRedis, StripeFaults, SendGridDown); default all.", AllowMultipleArgumentsPerToken = true };
        var results = new Option<string?>("--results") { Description = "Folder for chaos.json and the processes' logs (default .commerce/results/<time>-chaos)." };
        var command = new Command("chaos", "Checkout load while a nemesis kills Workers and restarts RabbitMQ, PostgreSQL and Redis; then checks invariants I1–I7. Exit 1 on any violation.")
        {
            longer,
            faults,
            results,
        };
        command.SetAction(async (parse, ct) =>
        {
            var plan = parse.GetValue(longer) ? ChaosPlan.Extended : ChaosPlan.Brief;
            if (parse.GetValue(faults) is { Length: > 0 } chosen)
            {
                plan = plan with { Faults = chosen };
            }

            var folder = ResultsFolder.Create(parse.GetValue(results), $"chaos-{plan.Mode}");
            var report = await AnsiConsole.Status().StartAsync("starting", async context =>
                await ChaosRun.RunAsync(plan, Path.Combine(folder, "logs"), text => context.Status(Markup.Escape(text)), ct));
            await File.WriteAllTextAsync(Path.Combine(folder, "chaos.json"), JsonSerializer.Serialize(report, ChaosReportView.Json), ct);
            ChaosReportView.Write(report);
            Console.WriteLine($"results: {folder}");
            return report.Violations == 0 ? 0 : 1;
        });
        return command;
    }
}
