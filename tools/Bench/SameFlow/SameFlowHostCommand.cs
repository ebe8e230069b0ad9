using System.CommandLine;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// <c>commerce-bench same-flow-host</c>: not for people (hidden). The bench starts it as a child
/// process of its own, so the baseline's CPU is counted apart from the load generator's.
/// </summary>
public static class SameFlowHostCommand
{
    public const string Name = "same-flow-host";

    public static Command Create()
    {
        var virtualHost = new Option<string>("--virtual-host") { Description = "The RabbitMQ virtual host (created by the bench).", Required = true };
        var urls = new Option<string>("--urls") { Description = "Where the HTTP surface listens.", Required = true };
        var command = new Command(Name, "The same-flow baseline's host.") { virtualHost, urls };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            await SameFlowHost.RunAsync(parse.GetValue(virtualHost)!, parse.GetValue(urls)!, ct);
            return 0;
        });
        return command;
    }
}
