using System.Diagnostics;

namespace Commerce.Bench.Hosting;

/// <summary>
/// The nemesis's hands on the shared services: RabbitMQ, PostgreSQL and Redis run directly on this
/// machine (no systemd, no containers), so faults are their own control commands.
/// </summary>
public static class ServiceControl
{
    /// <summary>Stops the RabbitMQ application (every connection drops), waits, and starts it again.</summary>
    public static async Task RestartRabbitMqAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        await RunAsync("rabbitmqctl", ["stop_app"], cancellationToken);
        await Task.Delay(down, cancellationToken);
        await RunAsync("rabbitmqctl", ["start_app"], cancellationToken);
        await RunAsync("rabbitmqctl", ["await_startup"], cancellationToken);
    }

    /// <summary><c>pg_ctlcluster … restart -m immediate</c>: PostgreSQL crashes (no checkpoint) and recovers from its WAL.</summary>
    public static async Task RestartPostgresImmediateAsync(CancellationToken cancellationToken)
    {
        var clusters = await RunAsync("pg_lsclusters", ["-h"], cancellationToken);
        var version = clusters.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? throw new InvalidOperationException("no PostgreSQL cluster found");
        await RunAsync("pg_ctlcluster", [version, "main", "restart", "-m", "immediate"], cancellationToken);
    }

    /// <summary>
    /// Creates an extension in a database as the postgres superuser, for extensions the database's
    /// owner may not create (pg_stat_statements is not a trusted one). Best effort: where PostgreSQL
    /// is not local or the extension is missing, the figures that need it are reported as n/a.
    /// </summary>
    public static async Task TryCreateExtensionAsync(string database, string extension, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("runuser", ["-u", "postgres", "--", "psql", "-q", "-d", database, "-c", $"CREATE EXTENSION IF NOT EXISTS {extension}"], cancellationToken, allowFailure: true);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No runuser or sudo on this machine.
        }
    }

    /// <summary>Shuts Redis down without saving, waits, and starts it the way infra/local/services.sh does.</summary>
    public static async Task StopRedisAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        await RunAsync("redis-cli", ["-p", "6379", "shutdown", "nosave"], cancellationToken, allowFailure: true);
        await Task.Delay(down, cancellationToken);
        await StartRedisAsync(cancellationToken);
    }

    public static Task StartRedisAsync(CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(RepositoryLayout.Root, "infra", "local", "services.sh"), ["redis"], cancellationToken);

    /// <summary>Makes sure RabbitMQ's application runs (after an interrupted nemesis).</summary>
    public static Task StartRabbitMqAsync(CancellationToken cancellationToken) =>
        RunAsync("rabbitmqctl", ["start_app"], cancellationToken);

    private static async Task<string> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        // rabbitmqctl needs the node's Erlang cookie and pg_ctlcluster the cluster's owner: root can do both.
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
