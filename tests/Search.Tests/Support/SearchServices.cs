using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Search.Tests.Support;

/// <summary>The library as a host gets it: AddCommerceSearch over configuration pointing at a node.</summary>
public sealed class SearchServices(ServiceProvider provider) : IAsyncDisposable
{
    public const string Alias = "products";

    public ProductSearcher Searcher => provider.GetRequiredService<ProductSearcher>();

    public ProductIndexWriter Writer => provider.GetRequiredService<ProductIndexWriter>();

    public ProductIndexAdministration Administration => provider.GetRequiredService<ProductIndexAdministration>();

    public static SearchServices For(Uri url, string alias = Alias, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Search:Backend"] = "Elasticsearch",
            ["Search:Elasticsearch:Url"] = url.ToString(),
            ["Search:Elasticsearch:IndexAlias"] = alias,
            ["Search:Elasticsearch:RequestTimeout"] = (timeout ?? TimeSpan.FromSeconds(5)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddCommerceSearch(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // What ValidateOnStart does in a host: the options are checked before the first call.
        _ = provider.GetRequiredService<IOptions<SearchOptions>>().Value;
        return new SearchServices(provider);
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
