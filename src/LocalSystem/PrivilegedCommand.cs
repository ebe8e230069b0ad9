using System.Diagnostics;

namespace Commerce.LocalSystem;

/// <summary>
/// Runs a control command of a local service: <c>rabbitmqctl</c> needs the node's Erlang cookie and
/// <c>pg_ctlcluster</c> the cluster's owner, which root has (CI runs as root); anyone else goes through sudo.
/// </summary>
public static class PrivilegedCommand
{
    /// <summary>Runs the command to its end and returns its standard output; throws with its standard error on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? command : "sudo") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!asRoot)
        {
            start.ArgumentList.Add(command);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {command}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
