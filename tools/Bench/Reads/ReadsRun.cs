using Commerce.Bench.Hosting;
using Commerce.Bench.Load;
using Commerce.Bench.Measure;
using Commerce.Bench.Reporting;
using Commerce.LocalSystem;

namespace Commerce.Bench.Reads;

/// <summary>
/// <c>./commerce bench --reads</c>: for each search backend, a system of its own (Sandbox, Api and
/// Workers on a fresh database and vhost, production-like settings) with the bench catalog, the
/// backend's preparation, then the three read workloads ramped one after the other.
/// </summary>
public static class ReadsRun
{
    public static async Task<ReadsReport> RunAsync(ReadsPlan plan, IReadOnlyList<ReadBackend> backends, IReadOnlyList<string> skipped, string logDirectory, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(status);
        using var queues = new QueueCounters(LocalServices.Current);
        using var scraper = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var results = new List<ReadBackendResult>();
        var notMeasured = new List<string>(skipped);
        foreach (var backend in backends)
        {
            void Say(string text) => status($"{backend.Name}: {text}");
            ReadBackendResult result;
            try
            {
                result = await RunBackendAsync(plan, backend, Path.Combine(logDirectory, backend.Name), queues, scraper, Say, cancellationToken);
            }
            catch (TimeoutException e)
            {
                // A host that refuses the backend's settings must not cost the other backends' figures.
                result = new ReadBackendResult(backend.Name, []) { NotReady = $"its hosts did not start ({e.Message.Split('\n')[0]}; logs in {logDirectory})" };
            }

            if (result.NotReady is { } reason)
            {
                notMeasured.Add($"reads: {backend.Name} backend skipped: {reason}");
            }
            else
            {
                results.Add(result);
            }
        }

        return new ReadsReport(plan.Mode, plan.Products, DateTimeOffset.UtcNow, MachineDescription.Current, results, notMeasured);
    }

    private static async Task<ReadBackendResult> RunBackendAsync(ReadsPlan plan, ReadBackend backend, string logDirectory, QueueCounters queues, HttpClient scraper, Action<string> status, CancellationToken cancellationToken)
    {
        status("starting Sandbox, Api and Workers");
        var shape = new SystemShape("reads", ApiInstances: 1, WorkerInstances: 1, InitialStock: 0, Products: 0) { HostSettings = backend.HostSettings };
        await using var system = await SystemUnderTest.StartAsync(shape, logDirectory, cancellationToken);
        status($"adding {plan.Products} products");
        var ids = await system.AddProductsAsync(BenchCatalog.Create(plan.Products, DateTimeOffset.UtcNow), cancellationToken);
        if (await backend.Preparation.PrepareAsync(system, status, cancellationToken) is { } notReady)
        {
            return new ReadBackendResult(backend.Name, []) { NotReady = notReady };
        }

        using var http = system.CreateApiClient();
        using var management = LocalServices.Current.CreateManagementClient();
        var step = new ReadStep(http, MeasuredProcesses.SamplerFor(system, management, queues, scraper));
        ReadWorkload[] workloads = [ReadWorkload.SearchUncached(new UniqueSearchQueries()), ReadWorkload.SearchCached(), ReadWorkload.ProductById(ids)];
        var ramps = new List<ReadRampResult>();
        foreach (var workload in workloads)
        {
            ramps.Add(await ReadRamp.RunAsync(step, workload, plan, status, cancellationToken));
        }

        return new ReadBackendResult(backend.Name, ramps);
    }
}
