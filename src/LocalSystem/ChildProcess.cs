using System.Diagnostics;

namespace Commerce.LocalSystem;

/// <summary>
/// A built host run as a real process with <c>dotnet</c>: its output kept (the tail of it) for
/// failure messages and, when given a log file, appended there; killed with SIGKILL, as a crash,
/// and started again the same way.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlyCollection<string> _removedVariables;
    private readonly string? _logFile;
    private readonly OutputTail _output = new();
    private readonly OutputTail _standardError = new();
    private Process? _process;

    /// <summary>A process not yet started; <paramref name="removedVariables"/> are inherited variables it must not see (a host's start-up checks).</summary>
    public ChildProcess(
        string name,
        string assembly,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? logFile = null,
        IReadOnlyCollection<string>? removedVariables = null)
    {
        Name = name;
        _assembly = assembly;
        _arguments = arguments;
        _environment = environment ?? new Dictionary<string, string>();
        _removedVariables = removedVariables ?? [];
        _logFile = logFile;
    }

    public string Name { get; }

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public bool HasExited => Started.HasExited;

    public int Restarts { get; private set; }

    /// <summary>Standard output and error as they came, the last of them.</summary>
    public string Output => _output.Text;

    public string StandardError => _standardError.Text;

    private Process Started => _process ?? throw new InvalidOperationException($"{Name} has not been started");

    /// <summary>Creates and starts the process in one step.</summary>
    public static ChildProcess Start(string assembly, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var child = new ChildProcess(Path.GetFileNameWithoutExtension(assembly), assembly, arguments, environment);
        child.Start();
        return child;
    }

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

        foreach (var key in _removedVariables)
        {
            start.Environment.Remove(key);
        }

        var log = _logFile is null ? null : new LogFile(_logFile);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Name}");
        process.OutputDataReceived += (_, e) => Keep(e.Data, log, isError: false);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, log, isError: true);
        process.Exited += (_, _) => log?.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits for the process to end on its own and returns its exit code; kills it and throws after <paramref name="deadline"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await Started.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{Name} was still running after {deadline.TotalSeconds} s:\n{Output}");
        }

        return Started.ExitCode;
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
        _process?.Dispose();
        Restarts++;
        Start();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Keep(string? line, LogFile? log, bool isError)
    {
        if (line is null)
        {
            return;
        }

        _output.Append(line);
        if (isError)
        {
            _standardError.Append(line);
        }

        log?.Write(line);
    }
}
