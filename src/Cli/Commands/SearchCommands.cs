using System.CommandLine;
using Commerce.Operations.Search;
using Commerce.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Commerce.Cli.Commands;

/// <summary><c>commerce-cli search reindex</c>: a new Elasticsearch index from PostgreSQL, swapped in without downtime (<see cref="SearchIndexRebuild"/>).</summary>
internal static class SearchCommands
{
    public static Command Create()
    {
        var reindex = new Command("reindex", "Build a new Elasticsearch index from PostgreSQL, move the alias to it in one step, delete the old one.");
        reindex.SetAction(async (_, ct) =>
        {
            await using var services = CliSettings.SearchServices();
            var options = services.GetRequiredService<IOptions<SearchOptions>>().Value;
            if (options.Backend != SearchBackend.Elasticsearch)
            {
                await Console.Error.WriteLineAsync("search reindex: Search__Backend is Postgres, which needs no index; set Search__Backend=Elasticsearch and Search__Elasticsearch__Url");
                return 2;
            }

            await using var db = CliSettings.OpenDatabase();
            var rebuild = new SearchIndexRebuild(db, services.GetRequiredService<ProductIndexAdministration>(), services.GetRequiredService<ProductIndexWriter>());
            var result = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("indexing products");
                    return await rebuild.RunAsync(
                        (done, total) =>
                        {
                            task.MaxValue = Math.Max(total, 1);
                            task.Value = done;
                        },
                        ct);
                });
            var replaced = result.Replaced.Count == 0 ? "no index before" : "replaced " + string.Join(", ", result.Replaced);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]search reindex[/] {result.Products} product(s) into {result.Index} (alias {options.Elasticsearch.IndexAlias}; {replaced}); {result.CaughtUp} change(s) made meanwhile caught up");
            return 0;
        });

        return new Command("search", "The Elasticsearch product index (when Search__Backend=Elasticsearch).") { reindex };
    }
}
