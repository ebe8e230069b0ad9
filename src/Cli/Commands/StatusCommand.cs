using System.CommandLine;
using Commerce.Messaging.Management;
using Spectre.Console;

namespace Commerce.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Each queue of the commerce vhost with its depth and consumers.");
        command.SetAction(async (_, ct) =>
        {
            using var management = new RabbitMqManagementClient(CliSettings.RabbitMqManagementUrl, CliSettings.RabbitMqUsername, CliSettings.RabbitMqPassword);
            IReadOnlyList<QueueInfo> queues;
            try
            {
                queues = await management.GetQueuesAsync(CliSettings.RabbitMqVirtualHost, ct);
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"status: RabbitMQ management API unreachable at {CliSettings.RabbitMqManagementUrl} ({e.Message})");
                return 1;
            }

            var table = new Table().AddColumns("Queue", "Ready", "Unacked", "Consumers");
            foreach (var q in queues.OrderBy(q => q.Name, StringComparer.Ordinal))
            {
                var name = q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0 ? $"[red]{Markup.Escape(q.Name)}[/]" : Markup.Escape(q.Name);
                table.AddRow(name, q.MessagesReady.ToString(), q.MessagesUnacknowledged.ToString(), q.Consumers.ToString());
            }

            AnsiConsole.Write(queues.Count == 0 ? new Markup("[grey]no queues yet[/]\n") : table);
            return 0;
        });
        return command;
    }
}
