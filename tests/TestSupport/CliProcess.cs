using Commerce.LocalSystem;

namespace Commerce.TestSupport;

/// <summary>The built <c>commerce-cli</c>, run as a real process against a test's own database and virtual host.</summary>
public static class CliProcess
{
    private static string Assembly => RepositoryPaths.HostAssembly("Commerce.Cli", "commerce-cli");

    /// <summary>The variables the CLI reads (the hosts' own), pointed at the given database and virtual host.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string postgresConnectionString, string virtualHost)
    {
        var environment = LocalServices.Current.HostEnvironment(postgresConnectionString, virtualHost);
        environment["USER"] = "cli-test";
        return environment;
    }

    public static ChildProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.Start(Assembly, arguments, environment);

    /// <summary>Runs the CLI to its end: exit code and everything it printed (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        await using var cli = Start(arguments, environment);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, cli.Output);
    }
}
