using System.Runtime.InteropServices;

namespace Commerce.Bench.Reporting;

/// <summary>The machine a report was measured on, as its first lines say.</summary>
public static class MachineDescription
{
    public static string Current
    {
        get
        {
            var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
            return $"{Environment.ProcessorCount} cores, {memory:0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
        }
    }
}
