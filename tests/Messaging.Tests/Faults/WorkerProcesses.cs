using Commerce.LocalSystem;

namespace Commerce.Messaging.Tests.Faults;

/// <summary>Starts this test assembly as Workers-like processes (see <see cref="Program"/>).</summary>
internal static class WorkerProcesses
{
    private static string Assembly => typeof(WorkerProcesses).Assembly.Location;

    public static ChildProcess Start(string connectionString, string virtualHost) =>
        ChildProcess.Start(Assembly, ["host", connectionString, virtualHost]);

    /// <summary>Waits until <paramref name="count"/> consumers listen on <paramref name="queue"/>.</summary>
    public static Task WaitForConsumers(ThrowawayVirtualHost virtualHost, string queue, int count) =>
        Poll.UntilAsync(
            async () => (await virtualHost.Management.GetQueuesAsync(virtualHost.Name, CancellationToken.None))
                .Any(q => q.Name == queue && q.Consumers == count),
            TimeSpan.FromSeconds(90),
            $"{count} consumer(s) on {queue}");
}
