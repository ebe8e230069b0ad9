using System.Diagnostics;

namespace Commerce.TestSupport;

/// <summary>
/// Faults of the real, shared RabbitMQ node. Only tests in the <see cref="FaultCategory"/> use it:
/// <c>./commerce test</c> runs them after every other suite, one at a time.
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

    private static async Task RabbitMqCtl(params string[] arguments)
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
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        }
    }
}
