using System.Diagnostics;
using System.Globalization;

namespace Commerce.TestSupport;

/// <summary>
/// The real, shared RabbitMQ node through <c>rabbitmqctl</c>: its faults, which only tests in the
/// <see cref="FaultCategory"/> use (<c>./commerce test</c> runs them after every other suite, one
/// at a time), and exact queue depths, which any test may read.
/// </summary>
public static class Broker
{
    public const string FaultCategory = "Fault";

    /// <summary>Stops the RabbitMQ application (connections drop, nothing is accepted) but keeps the node.</summary>
    public static Task StopAsync() => RabbitMqCtl("stop_app");

    public static async Task StartAsync()
    {
        await RabbitMqCtl("start_app");
        await RabbitMqCtl("await_startup");
    }

    /// <summary>Makes the broker block every connection that publishes (a memory alarm), without failing them.</summary>
    public static Task BlockPublishersAsync() => RabbitMqCtl("set_vm_memory_high_watermark", "absolute", "1");

    public static Task UnblockPublishersAsync() => RabbitMqCtl("set_vm_memory_high_watermark", "0.4");

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
        var output = await RabbitMqCtl("list_queues", "-p", virtualHost, "--quiet", "--no-table-headers", "name", "messages_ready", "messages_unacknowledged");
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

    private static async Task<string> RabbitMqCtl(params string[] arguments)
    {
        // rabbitmqctl needs the node's Erlang cookie, which only root (and rabbitmq) can read.
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "rabbitmqctl" : "sudo") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!asRoot)
        {
            start.ArgumentList.Add("rabbitmqctl");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run rabbitmqctl");
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }

        return output;
    }
}
