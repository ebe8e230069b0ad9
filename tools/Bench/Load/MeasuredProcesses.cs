using Commerce.Bench.Measure;
using Commerce.LocalSystem;

namespace Commerce.Bench.Load;

/// <summary>The processes whose CPU a measured system is charged with, by name.</summary>
internal static class MeasuredProcesses
{
    public static Func<IReadOnlyList<int>> Pid(ChildProcess process) => () => process.Pid is { } pid ? [pid] : [];

    /// <summary>Both systems' cost counts the shared services too (by name), so their CPU figures cover the same ground.</summary>
    public static Dictionary<string, Func<IReadOnlyList<int>>> WithServices(Dictionary<string, Func<IReadOnlyList<int>>> processes)
    {
        foreach (var (name, command) in ResourceSampler.Services)
        {
            processes[name] = () => ProcessTable.Named(command);
        }

        return processes;
    }
}
