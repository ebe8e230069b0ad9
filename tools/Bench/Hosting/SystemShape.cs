namespace Commerce.Bench.Hosting;

/// <summary>How many of each process to run, and how many products with how much stock each.</summary>
public sealed record SystemShape(string Purpose, int ApiInstances, int WorkerInstances, int InitialStock, int Products = 1)
{
    /// <summary>Settings layered over the bench's own for both the Api and the Workers (e.g. which search backend they use).</summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; init; } = new Dictionary<string, string>();
}
