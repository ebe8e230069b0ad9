using Commerce.Bench.Hosting;
using Commerce.Bench.Measure;
using Commerce.LocalSystem;
using Commerce.Operations.Management;

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

    /// <summary>
    /// The sampler of a started system: its processes and the services, its database read as the
    /// hosts' own role (pg_stat_statements shows a statement's text, COMMIT or ROLLBACK, only to the
    /// role that ran it), its virtual host, its metrics endpoints.
    /// </summary>
    public static ResourceSampler SamplerFor(SystemUnderTest system, RabbitMqManagementClient management, QueueCounters queues, HttpClient scraper)
    {
        ArgumentNullException.ThrowIfNull(system);
        var processes = WithServices(system.Processes.ToDictionary(p => p.Name, Pid));
        return new ResourceSampler(processes, system.HostsConnectionString, system.Name, management, queues, system.Name, system.MetricsEndpoints, scraper);
    }
}
