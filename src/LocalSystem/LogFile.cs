namespace Commerce.LocalSystem;

/// <summary>A child process's log file, appended to line by line and closed when the process exits.</summary>
internal sealed class LogFile(string path) : IDisposable
{
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };

    public void Write(string line)
    {
        lock (_writer)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a killed process can arrive after its log was closed.
            }
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _writer.Dispose();
        }
    }
}
