namespace Commerce.Bench.Hosting;

/// <summary>How many of each process to run, and how many products with how much stock each.</summary>
public sealed record SystemShape(string Purpose, int ApiInstances, int WorkerInstances, int InitialStock, int Products = 1);
