using System.CommandLine;
using Commerce.Bench.Load;
using Commerce.Bench.Reads;
using Commerce.Bench.Reporting;
using Spectre.Console;

namespace Commerce.Bench.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Shorter steps, no sustained minute, smaller 3-step baseline: about 6 minutes (with --reads: 5 s steps, about 6 minutes per backend)." };
        var reads = new Option<bool>("--reads") { Description = "Instead of checkouts: catalog reads and searches (uncached, cached, product by id) ramped at fixed rates against each search backend (Elasticsearch when ELASTICSEARCH_URL is set), with the knee and p50/p95/p99, and PASS/MISS against the p99 targets at 300 searches/s." };
        var products = new Option<int>("--products") { Description = "Products the checkouts spread over, round robin (default 50; 1 is a flash sale on one row).", DefaultValueFactory = _ => 50 };
        var results = new Option<string?>("--results") { Description = "Folder for report.md, report.json, latency.png and logs (default .commerce/results/<time>-bench)." };
        var drift = new Option<string?>("--drift") { Description = "Instead of the ramp: hold --rate for this long (10m, 1h, hh:mm:ss; whole minutes, 2 to 120) as one-minute steps, and show whether throughput and PostgreSQL's CPU per transaction stay flat." };
        var rate = new Option<double>("--rate") { Description = "Checkouts per second a --drift run holds (default 20; use the knee a bench run measured).", DefaultValueFactory = _ => 20 };
        var command = new Command("bench", "Ramp fixed-rate checkouts through the HTTP API until the system stops keeping up, and compare with the same flow without I/O (same-flow baseline).")
        {
            quick,
            reads,
            products,
            results,
            drift,
            rate,
        };
        command.SetAction(async (parse, ct) =>
        {
            var plan = (parse.GetValue(quick) ? BenchPlan.Quick : BenchPlan.Full) with { Products = parse.GetValue(products) };
            if (plan.Products is < 1 or > 10_000)
            {
                await Console.Error.WriteLineAsync("bench: --products must be between 1 and 10000");
                return 2;
            }

            if (parse.GetValue(reads))
            {
                if (parse.GetValue(drift) is not null)
                {
                    await Console.Error.WriteLineAsync("bench: --reads and --drift are different runs; give one of them");
                    return 2;
                }

                return await ReadsAsync(parse.GetValue(quick) ? ReadsPlan.Quick : ReadsPlan.Full, parse.GetValue(results), ct);
            }

            if (parse.GetValue(drift) is { } driftText)
            {
                return await DriftAsync(driftText, parse.GetValue(rate), plan.Products, parse.GetValue(results), ct);
            }

            var folder = ResultsFolder.Create(parse.GetValue(results), $"bench-{plan.Mode}");
            var report = await AnsiConsole.Status().StartAsync("starting", async context =>
                await BenchRun.RunAsync(plan, Path.Combine(folder, "logs"), text => context.Status(Markup.Escape(text)), ct));
            var markdown = await ReportWriter.WriteAsync(report, folder, ct);
            Console.WriteLine(markdown);
            Console.WriteLine($"ratio to same-flow baseline: {report.RatioToSameFlow:0.00}");
            if (report.SameFlow.KeptUpAtEveryRate)
            {
                Console.WriteLine($"(the same-flow baseline kept up at every rate up to {report.SameFlow.KneePerSecond:0}/s: the ratio is an upper bound)");
            }

            Console.WriteLine($"ratio to 3-step baseline: {report.RatioToThreeStepBaseline:0.00}");
            Console.WriteLine($"results: {folder}");
            Console.WriteLine(report.CostLine);
            Console.WriteLine(report.SameFlow.CostLine);
            foreach (var line in report.IdleLines)
            {
                Console.WriteLine(line);
            }
            if (report.MessageDifferences.Count == 0)
            {
                return 0;
            }

            foreach (var difference in report.MessageDifferences)
            {
                Console.WriteLine($"messages per order differ: {difference}");
            }

            await Console.Error.WriteLineAsync($"bench: failed: the real system and the same-flow baseline move different messages per order, in {string.Join(", ", report.MessageDifferences.Select(d => d.Queue))}");
            return 1;
        });
        return command;
    }

    private static async Task<int> ReadsAsync(ReadsPlan plan, string? results, CancellationToken cancellationToken)
    {
        var (backends, skipped) = ReadBackend.From(Environment.GetEnvironmentVariable);
        var folder = ResultsFolder.Create(results, $"bench-reads-{plan.Mode}");
        var report = await AnsiConsole.Status().StartAsync("starting", async context =>
            await ReadsRun.RunAsync(plan, backends, skipped, Path.Combine(folder, "logs"), text => context.Status(Markup.Escape(text)), cancellationToken));
        Console.WriteLine(await ReportWriter.WriteJsonAndMarkdownAsync(folder, "report", report, ReadsReportWriter.Markdown(report), cancellationToken));
        foreach (var line in report.Lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"results: {folder}");
        return report.Backends.Count > 0 ? 0 : 1;
    }

    private static async Task<int> DriftAsync(string durationText, double rate, int products, string? results, CancellationToken cancellationToken)
    {
        var duration = DurationText.Parse(durationText);
        if (duration is not { } span || span.TotalMinutes is < 2 or > 120 || span.TotalMinutes % 1 != 0)
        {
            await Console.Error.WriteLineAsync($"bench: --drift must be whole minutes from 2 to 120 (10m, 1h, 00:30:00), not '{durationText}'");
            return 2;
        }

        if (rate is < 1 or > Ramp.MaxExtendedRate)
        {
            await Console.Error.WriteLineAsync($"bench: --rate must be between 1 and {Ramp.MaxExtendedRate:0}");
            return 2;
        }

        var folder = ResultsFolder.Create(results, "bench-drift");
        var plan = new DriftPlan(rate, (int)span.TotalMinutes, products);
        var report = await AnsiConsole.Status().StartAsync("starting", async context =>
            await DriftRun.RunAsync(plan, Path.Combine(folder, "logs"), text => context.Status(Markup.Escape(text)), cancellationToken));
        Console.WriteLine(await DriftReportWriter.WriteAsync(report, folder, cancellationToken));
        Console.WriteLine($"results: {folder}");
        return 0;
    }
}
