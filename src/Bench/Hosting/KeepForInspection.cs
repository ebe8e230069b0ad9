namespace Commerce.Bench.Hosting;

/// <summary>
/// <c>COMMERCE_BENCH_KEEP=1</c>: a run leaves its database and virtual hosts behind for looking
/// into afterwards (psql, the RabbitMQ UI) instead of removing them.
/// </summary>
public static class KeepForInspection
{
    public static bool Requested => Environment.GetEnvironmentVariable("COMMERCE_BENCH_KEEP") == "1";
}
