using System.Diagnostics;

namespace Commerce.Bench.Hosting;

/// <summary>
/// One process of the system under test, started from its built assembly with its output
/// appended to a log file; the nemesis kills it with SIGKILL and starts it again the same way.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFile;
    private Process? _process;

    public ManagedProcess(string name, string assembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        Name = name;
        _assembly = assembly;
        _arguments = arguments;
        _environment = environment;
        _logFile = logFile;
    }

    public string Name { get; }

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public int Restarts { get; private set; }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(_assembly);
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(_logFile, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Name}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGKILL: no shutdown hooks and no flushing, a crash as the operating system sees it.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        Restarts++;
        Start();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a killed process can arrive after its log was closed.
            }
        }
    }
}
