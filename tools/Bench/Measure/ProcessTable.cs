using System.Globalization;

namespace Commerce.Bench.Measure;

/// <summary>CPU time and resident memory of processes, read from /proc (Linux only, like the rest of the bench).</summary>
public static class ProcessTable
{
    /// <summary>USER_HZ: the unit of utime and stime in /proc/&lt;pid&gt;/stat, 100 on every Linux we run on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>
    /// CPU seconds used so far, by the process and by its children that have ended (cutime, cstime),
    /// and its resident set in bytes; zero for a process that is gone. The children count because
    /// PostgreSQL's backends are processes: one that ends (a pooled connection closed) takes its CPU
    /// time out of the sum over live backends, and the postmaster that reaps it gains that time.
    /// </summary>
    public static (double CpuSeconds, long RssBytes) Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command (which may contain spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime, stime, cutime, cstime.
            var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            var rssPages = long.Parse(fields[21], CultureInfo.InvariantCulture);
            return (ticks / TicksPerSecond, rssPages * Environment.SystemPageSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }

    /// <summary>Every process whose command name is <paramref name="command"/> (postgres, beam.smp, redis-server).</summary>
    public static IReadOnlyList<int> Named(string command)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == command)
                    {
                        pids.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // Gone between the listing and the read.
                }
            }
        }

        return pids;
    }
}
