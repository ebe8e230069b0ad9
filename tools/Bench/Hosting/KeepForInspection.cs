using Npgsql;

namespace Commerce.Bench.Hosting;

/// <summary>
/// <c>COMMERCE_BENCH_KEEP=1</c>: a run leaves its database and virtual hosts behind for looking
/// into afterwards (psql, the RabbitMQ UI) instead of removing them.
/// </summary>
public static class KeepForInspection
{
    public static bool Requested => Environment.GetEnvironmentVariable("COMMERCE_BENCH_KEEP") == "1";

    /// <summary>Removes a run's database or virtual host unless asked to keep it; a failure to remove is said, not thrown (the run's results stand).</summary>
    public static async Task RemoveAsync(string what, IAsyncDisposable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (Requested)
        {
            await Console.Error.WriteLineAsync($"bench: kept {what}");
            return;
        }

        try
        {
            await resource.DisposeAsync();
        }
        catch (Exception e) when (e is HttpRequestException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"bench: could not remove {what} ({e.Message}); remove it by hand");
        }
    }
}
