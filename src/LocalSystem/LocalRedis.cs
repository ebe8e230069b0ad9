namespace Commerce.LocalSystem;

/// <summary>The Redis server on this machine, as infra/local/services.sh runs it.</summary>
public static class LocalRedis
{
    /// <summary>Shuts Redis down without saving, waits, and starts it again.</summary>
    public static async Task StopAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        await PrivilegedCommand.RunAsync("redis-cli", ["-p", "6379", "shutdown", "nosave"], cancellationToken, allowFailure: true);
        await Task.Delay(down, cancellationToken);
        await StartAsync(cancellationToken);
    }

    public static Task StartAsync(CancellationToken cancellationToken) =>
        PrivilegedCommand.RunAsync(Path.Combine(RepositoryPaths.Root, "infra", "local", "services.sh"), ["redis"], cancellationToken);
}
