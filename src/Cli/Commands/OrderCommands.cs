using System.CommandLine;
using System.Globalization;
using Commerce.Persistence.Orders;
using Spectre.Console;

namespace Commerce.Cli.Commands;

/// <summary><c>commerce-cli orders stuck</c>: the stuck orders of docs/operations.md, read from PostgreSQL with <see cref="StuckOrders"/>.</summary>
internal static class OrderCommands
{
    public static Command Create()
    {
        var olderThan = new Option<TimeSpan>("--older-than")
        {
            Description = "No status change for longer than this: seconds (900), 15m, 2h, 1d or 00:15:00.",
            DefaultValueFactory = _ => new StuckOrderOptions().Threshold,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (StuckOrders.AgeProblem(text, out var age) is { } problem)
                {
                    result.AddError($"--older-than: '{text}' {problem}");
                }

                return age;
            },
        };
        var limit = new Option<int>("--limit") { Description = $"At most this many orders, the longest-stuck first (1 to {StuckOrders.MaxLimit}).", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > StuckOrders.MaxLimit)
            {
                result.AddError($"--limit must be between 1 and {StuckOrders.MaxLimit}");
            }
        });

        var stuck = new Command("stuck", "Orders whose saga has not finished and whose status has not changed for a while.") { olderThan, limit };
        stuck.SetAction(async (parse, ct) =>
        {
            var age = parse.GetValue(olderThan);
            await using var db = CliSettings.OpenDatabase();
            var orders = await StuckOrders.ListAsync(db, age, parse.GetValue(limit), DateTimeOffset.UtcNow, ct);
            if (orders.Count == 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[green]no stuck orders[/] (no status change for more than {FormatAge(age)})");
                return 0;
            }

            var table = new Table()
                .AddColumn(new TableColumn("Order").NoWrap())
                .AddColumns("Saga state", "Status", "Since (UTC)", "Stuck for")
                .AddColumn(new TableColumn("Customer").NoWrap());
            foreach (var order in orders)
            {
                table.AddRow(
                    order.OrderId.ToString(),
                    $"[yellow]{Markup.Escape(order.State)}[/]",
                    Markup.Escape(order.Status),
                    order.Since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    FormatAge(TimeSpan.FromSeconds(order.AgeSeconds)),
                    order.CustomerId.ToString());
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"[yellow]{orders.Count}[/] order(s) with no status change for more than {FormatAge(age)}");
            return 0;
        });

        return new Command("orders", "Orders as operations sees them.") { stuck };
    }

    /// <summary><c>15m</c>, <c>2h 05m</c>, <c>3d 04h</c>: the two largest units, the second left out when 0.</summary>
    public static string FormatAge(TimeSpan age)
    {
        var (large, largeUnit, small, smallUnit) = age switch
        {
            { TotalDays: >= 1 } => (age.Days, "d", age.Hours, "h"),
            { TotalHours: >= 1 } => (age.Hours, "h", age.Minutes, "m"),
            { TotalMinutes: >= 1 } => (age.Minutes, "m", age.Seconds, "s"),
            _ => (Math.Max(0, age.Seconds), "s", 0, string.Empty),
        };
        return small == 0 ? $"{large}{largeUnit}" : $"{large}{largeUnit} {small:00}{smallUnit}";
    }
}
