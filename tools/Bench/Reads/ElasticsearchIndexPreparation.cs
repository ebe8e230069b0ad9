using Commerce.Bench.Hosting;
using Commerce.Operations.Search;
using Commerce.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Bench.Reads;

/// <summary>
/// The Elasticsearch backend searches an index built from the seeded catalog: the same rebuild as
/// <c>./commerce search reindex</c> (<see cref="SearchIndexRebuild"/>), with the settings the hosts
/// got, run after the seeding and before the first workload. An empty index would answer every
/// search fast and wrong.
/// </summary>
public sealed class ElasticsearchIndexPreparation(IReadOnlyDictionary<string, string> hostSettings) : IReadBackendPreparation
{
    public async Task<string?> PrepareAsync(SystemUnderTest system, Action<string> status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(status);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(hostSettings.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddCommerceSearch(configuration).BuildServiceProvider();
        await using var db = system.CreateContext();
        var rebuild = new SearchIndexRebuild(db, services.GetRequiredService<ProductIndexAdministration>(), services.GetRequiredService<ProductIndexWriter>());
        try
        {
            var result = await rebuild.RunAsync((done, total) => status($"indexing the catalog into Elasticsearch: {done}/{total}"), cancellationToken);
            // Searches must see every document, not only those the periodic refresh has published.
            await services.GetRequiredService<ProductIndexAdministration>().RefreshAsync(result.Index, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is SearchUnavailableException or SearchIndexException)
        {
            return $"the catalog could not be indexed: {e.Message}";
        }
    }
}
