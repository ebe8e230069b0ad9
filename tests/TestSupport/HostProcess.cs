using Commerce.LocalSystem;

namespace Commerce.TestSupport;

/// <summary>Runs a built host as a real process, for what only a real process shows (exit codes, stderr).</summary>
public static class HostProcess
{
    public sealed record Outcome(int ExitCode, string StandardError);

    /// <summary>Runs the host until it exits; the given variables replace (or, when null, remove) inherited ones.</summary>
    public static async Task<Outcome> RunToExitAsync(string projectName, IReadOnlyDictionary<string, string?> environment, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await using var host = new ChildProcess(
            projectName,
            RepositoryPaths.HostAssembly(projectName),
            ["--urls", "http://127.0.0.1:0"],
            environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal),
            removedVariables: [.. environment.Where(e => e.Value is null).Select(e => e.Key)]);
        host.Start();
        var exitCode = await host.WaitForExitAsync(deadline);
        return new Outcome(exitCode, host.StandardError);
    }
}
