using Commerce.Contracts;
using Commerce.Messaging.Configuration;
using Commerce.Search;
using MassTransit;

namespace Commerce.Workers.Search;

/// <summary>
/// The <c>index-product</c> queue, only when search runs on Elasticsearch: with the PostgreSQL
/// backend there is no index, and the catalog's <c>ProductChanged</c> events go nowhere.
/// </summary>
public static class SearchIndexingRegistration
{
    public static bool IndexesSearch(this IConfiguration configuration) =>
        configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>()?.Backend == SearchBackend.Elasticsearch;

    public static void AddSearchIndexer(this IBusRegistrationConfigurator x, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!configuration.IndexesSearch())
        {
            return;
        }

        x.AddSingleton(new InboxExemptEndpoint(Queues.IndexProduct));
        x.AddConsumer<IndexProductConsumer, IndexProductConsumerDefinition>().Endpoint(e => e.Name = Queues.IndexProduct);
    }

    public static WebApplicationBuilder AddSearchIndexing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCommerceSearch(builder.Configuration);
        return builder;
    }
}
