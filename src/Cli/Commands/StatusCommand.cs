using System.CommandLine;
using System.Data.Common;
using Commerce.Messaging.Maintenance;
using Commerce.Operations.DeadLetters;
using Commerce.Operations.Management;
using Commerce.Persistence.Catalog;
using Commerce.Persistence.Orders;
using Commerce.Search;
using Spectre.Console;

namespace Commerce.Cli.Commands;

/// <summary>
/// <c>commerce-cli status</c>: every queue of the vhost with its depth, unacknowledged messages and
/// consumers; then the dead letters in all <c>_error</c> queues, the stuck orders and the bus-outbox
/// backlog. Each half still prints when the other's service is down; the exit code is 1 then.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Each queue with its depth and consumers, dead letters, stuck orders and the outbox backlog.");
        command.SetAction(async (_, ct) =>
        {
            var brokerUp = await WriteQueuesAsync(ct);
            var databaseUp = await WriteDatabaseAsync(ct);
            return brokerUp && databaseUp ? 0 : 1;
        });
        return command;
    }

    private static async Task<bool> WriteQueuesAsync(CancellationToken cancellationToken)
    {
        using var management = CliSettings.Services.CreateManagementClient();
        IReadOnlyList<QueueInfo> queues;
        try
        {
            queues = await management.GetQueuesAsync(CliSettings.Services.RabbitMqVirtualHost, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"status: RabbitMQ management API unreachable at {CliSettings.Services.RabbitMqManagementUrl} ({e.Message})");
            return false;
        }

        var table = new Table().AddColumns("Queue", "Ready", "Unacked", "Consumers");
        foreach (var q in queues.OrderBy(q => q.Name, StringComparer.Ordinal))
        {
            var name = IsErrorQueue(q) && q.Messages > 0 ? $"[red]{Markup.Escape(q.Name)}[/]" : Markup.Escape(q.Name);
            table.AddRow(name, q.MessagesReady.ToString(), q.MessagesUnacknowledged.ToString(), q.Consumers.ToString());
        }

        AnsiConsole.Write(queues.Count == 0 ? new Markup("[grey]no queues yet[/]\n") : table);
        var errorQueues = queues.Where(IsErrorQueue).ToList();
        var deadLetters = errorQueues.Sum(q => q.Messages);
        var colour = deadLetters > 0 ? "red" : "green";
        AnsiConsole.MarkupLine($"Dead letters: [{colour}]{deadLetters}[/] message(s) in {errorQueues.Count(q => q.Messages > 0)} of {errorQueues.Count} _error queue(s)");
        return true;
    }

    private static async Task<bool> WriteDatabaseAsync(CancellationToken cancellationToken)
    {
        var threshold = new StuckOrderOptions().Threshold;
        int stuck;
        OutboxBacklog outbox;
        SearchIndexLag? lag;
        var now = DateTimeOffset.UtcNow;
        try
        {
            await using var db = CliSettings.OpenDatabase();
            stuck = await StuckOrders.CountAsync(db, threshold, now, cancellationToken);
            outbox = await OutboxBacklog.ReadAsync(db, now.UtcDateTime, cancellationToken);
            lag = CliSettings.SearchBackend == SearchBackend.Elasticsearch ? await SearchIndexState.LagAsync(db, cancellationToken) : null;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]PostgreSQL unreachable[/] ({e.GetBaseException().Message}): stuck orders and outbox not shown");
            return false;
        }

        AnsiConsole.MarkupLine($"Stuck orders: [{(stuck > 0 ? "yellow" : "green")}]{stuck}[/] (saga not finished, no status change for more than {OrderCommands.FormatAge(threshold)}; ./commerce orders stuck)");
        AnsiConsole.MarkupLine($"Bus outbox: [{(outbox.Pending > 0 ? "yellow" : "green")}]{outbox.Pending}[/] transaction(s) pending, oldest {outbox.OldestAgeSeconds:0.#} s");
        AnsiConsole.MarkupLine(lag is null
            ? "Search: PostgreSQL full-text search (no index to lag)"
            : $"Search index lag: [{(lag.Unindexed > 0 ? "yellow" : "green")}]{lag.Unindexed}[/] product change(s) not yet in Elasticsearch" +
              (lag.OldestChange is { } oldest ? $", oldest {Math.Max(0, (now - oldest).TotalSeconds):0.#} s" : string.Empty));
        return true;
    }

    private static bool IsErrorQueue(QueueInfo queue) => queue.Name.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal);
}
