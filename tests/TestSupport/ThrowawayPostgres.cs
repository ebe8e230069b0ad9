using System.Diagnostics;
using Commerce.LocalSystem;
using Npgsql;

namespace Commerce.TestSupport;

/// <summary>
/// A real PostgreSQL server of the test's own (initdb in a temporary folder, its own port), so a
/// test can stop and restart it without disturbing the shared server other suites use.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _binDir;
    private readonly string _dataDir;

    private ThrowawayPostgres(string binDir, string dataDir, int port)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = "postgres",
        Username = "postgres",
    }.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var binDir = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql");
        var dataDir = Path.Combine(Path.GetTempPath(), $"commerce-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        await RunAsync("chown", $"postgres:postgres {dataDir}", asPostgres: false);
        var server = new ThrowawayPostgres(Path.Combine(binDir, "bin"), dataDir, FreePort.Next());
        await server.RunPgAsync("initdb", $"-D {dataDir}/data -U postgres --auth=trust -E UTF8 --no-sync");
        await server.StartServerAsync();
        return server;
    }

    public Task StartServerAsync() => RunPgAsync("pg_ctl",
        $"-D {_dataDir}/data -l {_dataDir}/server.log -w -t 30 -o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off\" start");

    /// <summary>An immediate stop: what a crash looks like to clients.</summary>
    public Task StopServerAsync() => RunPgAsync("pg_ctl", $"-D {_dataDir}/data -w -m immediate stop");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(_dataDir, recursive: true);
    }

    private Task RunPgAsync(string tool, string arguments) => RunAsync(Path.Combine(_binDir, tool), arguments, asPostgres: true);

    // PostgreSQL refuses to run as root, so as root the tools run as the postgres user.
    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var asRoot = Environment.UserName == "root";
        var start = asPostgres && asRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await error}{await output}");
        }
    }
}
