using System.Globalization;

namespace Commerce.LocalSystem;

/// <summary>
/// The RabbitMQ node on this machine through <c>rabbitmqctl</c>: the faults the fault tests and the
/// chaos nemesis inject, and exact queue depths.
/// </summary>
public static class LocalRabbitMq
{
    /// <summary>Stops the RabbitMQ application (every connection drops, nothing is accepted) but keeps the node.</summary>
    public static Task StopAsync(CancellationToken cancellationToken = default) => CtlAsync(cancellationToken, "stop_app");

    public static async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await CtlAsync(cancellationToken, "start_app");
        await CtlAsync(cancellationToken, "await_startup");
    }

    /// <summary>Makes the broker block every connection that publishes (a memory alarm), without failing them.</summary>
    public static Task BlockPublishersAsync() => CtlAsync(CancellationToken.None, "set_vm_memory_high_watermark", "absolute", "1");

    public static Task UnblockPublishersAsync() => CtlAsync(CancellationToken.None, "set_vm_memory_high_watermark", "0.4");

    /// <summary>
    /// A queue's ready and unacknowledged messages as its queue process counts them now (the
    /// management API's figures are statistics that lag by seconds).
    /// </summary>
    public static async Task<QueueDepth> QueueDepthAsync(string virtualHost, string queue) =>
        (await QueueDepthsAsync(virtualHost)).TryGetValue(queue, out var depth)
            ? depth
            : throw new InvalidOperationException($"no queue {queue} in virtual host {virtualHost}");

    /// <summary>Every queue of a virtual host with its exact depth, as <see cref="QueueDepthAsync"/> reads one.</summary>
    public static async Task<IReadOnlyDictionary<string, QueueDepth>> QueueDepthsAsync(string virtualHost)
    {
        var output = await CtlAsync(CancellationToken.None, "list_queues", "-p", virtualHost, "--quiet", "--no-table-headers", "name", "messages_ready", "messages_unacknowledged");
        var depths = new Dictionary<string, QueueDepth>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3)
            {
                depths[fields[0]] = new QueueDepth(long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture));
            }
        }

        return depths;
    }

    private static Task<string> CtlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        PrivilegedCommand.RunAsync("rabbitmqctl", arguments, cancellationToken);
}
