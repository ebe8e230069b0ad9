using System.Diagnostics;

namespace Commerce.TestSupport;

/// <summary>Runs a built host as a real process, for what only a real process shows (exit codes, stderr).</summary>
public static class HostProcess
{
    public sealed record Outcome(int ExitCode, string StandardError);

    /// <summary>Runs the host until it exits; the given variables replace (or, when null, remove) inherited ones.</summary>
    public static async Task<Outcome> RunToExitAsync(string projectName, IReadOnlyDictionary<string, string?> environment, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var directory = RepositoryPaths.BuildOutput(projectName);
        var start = new ProcessStartInfo("dotnet", $"{projectName}.dll --urls http://127.0.0.1:0")
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {projectName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{projectName} was still running after {deadline.TotalSeconds} s");
        }

        await stdout;
        return new Outcome(process.ExitCode, await stderr);
    }
}
