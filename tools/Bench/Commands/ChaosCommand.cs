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
        var rate = new Option<double?>("--rate") { Description = $"Checkouts offered per second (default {ChaosPlan.Brief.RatePerSecond:0}, with --long {ChaosPlan.Extended.RatePerSecond:0}); keep it below the knee ./commerce bench measures, or the backlog outlasts any wait." };
        var duration = new Option<TimeSpan?>("--duration")
        {
            Description = $"How long the load runs at least (it goes on until every fault has struck once, up to {ChaosPlan.Brief.EveryFaultAllowance.TotalMinutes:0} min more): 90s, 10m, 1h or hh:mm:ss (default {ChaosPlan.Brief.Duration.TotalSeconds:0}s, with --long {ChaosPlan.Extended.Duration.TotalMinutes:0}m).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (DurationText.Parse(text) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"--duration: '{text}' is not a duration (90s, 10m, 1h or hh:mm:ss)");
                return null;
            },
        };
        var command = new Command("chaos", "Checkout load while a nemesis kills Workers and restarts RabbitMQ, PostgreSQL and Redis; then checks invariants I1–I7. Exit 1 on any violation, 3 if the run ended still draining or a fault never struck (inconclusive).")
        {
            longer,
            rate,
            duration,
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

            if (parse.GetValue(rate) is { } offered)
            {
                if (offered is <= 0 or > 1000)
                {
                    await Console.Error.WriteLineAsync("chaos: --rate must be above 0 and at most 1000");
                    return 2;
                }

                plan = plan with { RatePerSecond = offered };
            }

            if (parse.GetValue(duration) is { } span)
            {
                plan = plan with { Duration = span };
            }

            var folder = ResultsFolder.Create(parse.GetValue(results), $"chaos-{plan.Mode}");
            var report = await AnsiConsole.Status().StartAsync("starting", async context =>
                await ChaosRun.RunAsync(plan, Path.Combine(folder, "logs"), text => context.Status(Markup.Escape(text)), ct));
            await File.WriteAllTextAsync(Path.Combine(folder, "chaos.json"), JsonSerializer.Serialize(report, ChaosReportView.Json), ct);
            ChaosReportView.Write(report);
            Console.WriteLine($"results: {folder}");
            return report.ExitCode;
        });
        return command;
    }
}
