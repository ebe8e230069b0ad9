namespace Commerce.TestSupport;

/// <summary>The built <c>commerce-cli</c>, run as a real process against a test's own database and virtual host.</summary>
public static class CliProcess
{
    private static string Assembly => Path.Combine(RepositoryPaths.BuildOutput("Commerce.Cli"), "commerce-cli.dll");

    /// <summary>The variables the CLI reads (src/Cli/CliSettings.cs), pointed at the given database and virtual host.</summary>
    public static IReadOnlyDictionary<string, string> Environment(string postgresConnectionString, string virtualHost) => new Dictionary<string, string>
    {
        ["Postgres__ConnectionString"] = postgresConnectionString,
        ["RabbitMq__Host"] = TestServices.RabbitMqHost,
        ["RabbitMq__VirtualHost"] = virtualHost,
        ["RabbitMq__Username"] = TestServices.RabbitMqUsername,
        ["RabbitMq__Password"] = TestServices.RabbitMqPassword,
        ["RabbitMq__ManagementUrl"] = TestServices.RabbitMqManagementUrl.ToString(),
        ["USER"] = "cli-test",
    };

    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.Start(Assembly, arguments, environment);

    /// <summary>Runs the CLI to its end: exit code and everything it printed (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        await using var cli = Start(arguments, environment);
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, cli.Output);
    }
}
