using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commerce.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (on start) the "Search" section and registers the Elasticsearch client,
    /// created on first use, with the searcher, the writer and the index administration.
    /// </summary>
    public static IServiceCollection AddCommerceSearch(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SearchOptions>, SearchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => ElasticsearchClientFactory.Create(provider.GetRequiredService<IOptions<SearchOptions>>().Value.Elasticsearch));
        services.TryAddSingleton<ProductSearcher>();
        services.TryAddSingleton<ProductIndexAdministration>();
        services.TryAddSingleton<ProductIndexWriter>();
        return services;
    }
}
