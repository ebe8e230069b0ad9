using System.CommandLine;
using System.CommandLine.Invocation;
using Commerce.Cli.Commands;
using Spectre.Console;

namespace Commerce.Cli;

internal static class Program
{
    private const int UsageErrorExitCode = 2;

    /// <summary>
    /// The .NET half of <c>./commerce</c>: the verbs that talk to the running system (database,
    /// broker). Starting and stopping services stays in the shell script (docs/adr/0006).
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("Commerce.Messaging operations")
        {
            DatabaseCommands.Create(),
            StatusCommand.Create(),
            DeadLetterCommands.Create(),
            OrderCommands.Create(),
            SearchCommands.Create(),
        };
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns without a terminal; ids and tables then wrap mid-value.
            AnsiConsole.Profile.Width = 200;
        }

        try
        {
            // Failures print one line, not a stack trace: the CLI is for people at a terminal.
            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction usageError)
            {
                // The errors, then the usage of the command they are about; 2 is the shell's usage-error code.
                usageError.Invoke(parse);
                return UsageErrorExitCode;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"commerce: {e.GetBaseException().Message}");
            return 1;
        }
    }
}
