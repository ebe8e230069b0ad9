using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Commerce.LocalSystem;

namespace Commerce.TestSupport;

/// <summary>
/// A Redis server of the test's own (no persistence, its own port), so a test can stop and
/// restart it without disturbing the shared Redis other suites use.
/// </summary>
public sealed class ThrowawayRedis : IAsyncDisposable
{
    private Process? _process;

    private ThrowawayRedis(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<ThrowawayRedis> StartAsync()
    {
        var redis = new ThrowawayRedis(FreePort.Next());
        await redis.StartServerAsync();
        return redis;
    }

    public async Task StartServerAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(AcceptsAsync, TimeSpan.FromSeconds(15), $"redis-server to listen on {Port}");
    }

    /// <summary>A kill: clients see their connections drop, as in a crash.</summary>
    public async Task StopServerAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopServerAsync());

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
