using System.CommandLine;
using Commerce.Operations.DeadLetters;
using Commerce.Persistence.Operations;
using Spectre.Console;

namespace Commerce.Cli.Commands;

/// <summary>
/// <c>commerce-cli dlq list | show | retry | discard</c>: the dead-letter tool of docs/operations.md,
/// on <see cref="ErrorQueueReplayer"/>. Every retry and discard is audited with <c>$USER</c>.
/// </summary>
internal static class DeadLetterCommands
{
    public static Command Create()
    {
        var list = new Command("list", "Every _error queue with its count, and what the first messages failed on.");
        list.SetAction(async (_, ct) =>
        {
            using var replayer = Replayer();
            var queues = await replayer.ListAsync(ct);
            var table = new Table().AddColumns("Queue", "Messages");
            foreach (var q in queues)
            {
                table.AddRow(q.Count > 0 ? $"[red]{Markup.Escape(q.Queue)}[/]" : Markup.Escape(q.Queue), q.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(queues.Count == 0 ? new Markup("[grey]no _error queues yet[/]\n") : table);
            var groups = new List<(string Queue, DeadLetterMessage Message)>();
            foreach (var q in queues.Where(q => q.Count > 0))
            {
                groups.AddRange((await replayer.PeekAsync(q.Queue, 200, ct)).Select(m => (q.Queue, m)));
            }

            if (groups.Count > 0)
            {
                WriteGroups(groups, "By cause (first 200 of each queue)");
            }

            return 0;
        });

        var queueArgument = new Argument<string>("queue") { Description = "An _error queue, e.g. send-notification_error." };
        var limit = new Option<int>("--limit") { Description = "How many messages to show (from the head of the queue).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result => MustBePositive(result, result.GetValueOrDefault<int>()));
        var show = new Command("show", "The messages of an _error queue with their fault details and bodies (one over 16 KiB is cut, and said so); nothing is removed.") { queueArgument, limit };
        show.SetAction(async (parse, ct) =>
        {
            using var replayer = Replayer();
            var queue = parse.GetValue(queueArgument)!;
            var messages = await replayer.PeekAsync(queue, parse.GetValue(limit), ct);
            var table = new Table().AddColumns("Message id", "Message type", "Exception", "Consumer", "Faulted at", "Retries", "Replays");
            foreach (var m in messages)
            {
                table.AddRow(
                    Markup.Escape(m.MessageId ?? "?"),
                    Markup.Escape(ShortType(m.MessageType)),
                    $"[red]{Markup.Escape(ShortType(m.ExceptionType))}[/]: {Markup.Escape(Truncate(m.ExceptionMessage, 120))}",
                    Markup.Escape(ShortType(m.Consumer)),
                    m.FaultedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                    m.RetryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    m.ReplayCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(messages.Count == 0 ? new Markup($"[grey]{Markup.Escape(queue)} is empty[/]\n") : table);
            if (messages.Count > 0)
            {
                foreach (var m in messages)
                {
                    DeadLetterBody.Write(m);
                }

                WriteGroups(messages.Select(m => (queue, m)).ToList(), "By cause");
            }

            return 0;
        });

        var ids = new Option<string[]>("--id") { Description = "Only these message ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var exceptionType = new Option<string?>("--exception-type") { Description = "Only messages that failed with this exception type (full name)." };
        var max = new Option<int?>("--max") { Description = "At most this many messages." };
        var rate = new Option<double>("--rate")
        {
            Description = "At most this many messages a second.",
            DefaultValueFactory = _ => DeadLetterRunOptions.DefaultRetryRatePerSecond,
        };
        max.Validators.Add(result => MustBePositive(result, result.GetValueOrDefault<int?>() ?? 1));
        rate.Validators.Add(result => MustBePositive(result, result.GetValueOrDefault<double>()));
        var retry = new Command("retry", "Moves the selected messages (all without a filter) back to the queue they failed on.") { queueArgument, ids, exceptionType, max, rate };
        retry.SetAction((parse, ct) => MoveAsync(DeadLetterAction.Retry, parse.GetValue(queueArgument)!, Selection(parse, ids, exceptionType, max), parse.GetValue(rate), ct));

        var discard = new Command("discard", "Moves the selected messages (all without a filter) to <queue>_archive, kept 14 days.") { queueArgument, ids, exceptionType, max };
        discard.SetAction((parse, ct) => MoveAsync(DeadLetterAction.Discard, parse.GetValue(queueArgument)!, Selection(parse, ids, exceptionType, max), null, ct));

        return new Command("dlq", "Dead letters: see, retry and discard the messages of the _error queues.") { list, show, retry, discard };
    }

    private static void MustBePositive(System.CommandLine.Parsing.OptionResult result, double value)
    {
        if (!(value > 0))
        {
            result.AddError($"{result.Option.Name} must be positive");
        }
    }

    private static DeadLetterSelection Selection(ParseResult parse, Option<string[]> ids, Option<string?> exceptionType, Option<int?> max) =>
        new(parse.GetValue(ids) is { Length: > 0 } chosen ? chosen : null, parse.GetValue(exceptionType), parse.GetValue(max));

    private static async Task<int> MoveAsync(string action, string queue, DeadLetterSelection selection, double? rate, CancellationToken cancellationToken)
    {
        ErrorQueueReplayer.EnsureErrorQueue(queue);
        using var replayer = Replayer();
        var total = selection.Max ?? selection.MessageIds?.Count
            ?? (await replayer.ListAsync(cancellationToken)).FirstOrDefault(q => q.Queue == queue)?.Count ?? 0;
        var actor = $"cli:{Environment.GetEnvironmentVariable("USER") ?? Environment.UserName}";
        var entry = new DeadLetterAuditEntry(actor, action, queue, DateTimeOffset.UtcNow);
        DeadLetterResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"{action} {Markup.Escape(queue)}", maxValue: Math.Max(1, total));
                var run = new DeadLetterRunOptions { RatePerSecond = rate, Moved = _ => task.Value = Math.Min(task.Value + 1, task.MaxValue) };
                result = await DeadLetterAuditTrail.MoveAsync(CliSettings.OpenDatabase, entry, run, options => action == DeadLetterAction.Retry
                    ? replayer.RetryAsync(queue, selection, options, cancellationToken)
                    : replayer.DiscardAsync(queue, selection, options, retention: null, cancellationToken));
                task.Value = task.MaxValue;
            });

        var verb = action == DeadLetterAction.Retry ? "retried" : $"discarded to {ErrorQueueReplayer.ArchiveQueueFor(queue)}";
        AnsiConsole.MarkupLineInterpolated($"[green]{result!.Moved}[/] {verb}; [yellow]{result.Remaining}[/] remaining in {queue}");
        return 0;
    }

    private static void WriteGroups(IReadOnlyList<(string Queue, DeadLetterMessage Message)> messages, string title)
    {
        var table = new Table().Title(title).AddColumns("Queue", "Exception type", "Message type", "Count");
        foreach (var g in messages
                     .GroupBy(m => (m.Queue, Exception: m.Message.ExceptionType ?? "?", Type: m.Message.MessageType ?? "?"))
                     .OrderByDescending(g => g.Count()))
        {
            table.AddRow(Markup.Escape(g.Key.Queue), Markup.Escape(g.Key.Exception), Markup.Escape(ShortType(g.Key.Type)), g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static ErrorQueueReplayer Replayer() => new(CliSettings.Services.OperationsOptions());

    /// <summary><c>urn:message:Commerce.Contracts:SendNotification</c> and full type names, shortened to the last part.</summary>
    private static string ShortType(string? type) =>
        type is null ? "?" : type.Split(':', '.', '+')[^1];

    private static string Truncate(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : text[..length] + "…";
}
