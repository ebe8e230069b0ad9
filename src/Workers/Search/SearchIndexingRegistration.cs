using Commerce.Contracts;
using Commerce.Messaging.Configuration;
using Commerce.Search;
using MassTransit;
using MassTransit.DependencyInjection.Registration;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Search;

/// <summary>
/// The <c>index-product</c> queue, only when search runs on Elasticsearch: with the PostgreSQL
/// backend there is no index, no endpoint is made, and the catalog's <c>ProductChanged</c> events go
/// nowhere. Decided from the options when the bus starts, as every setting is.
/// </summary>
public static class SearchIndexingRegistration
{
    public static void AddSearchIndexer(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddSingleton(new InboxExemptEndpoint(Queues.IndexProduct));
        x.AddConsumer<IndexProductConsumer, IndexProductConsumerDefinition>().Endpoint(e => e.Name = Queues.IndexProduct);
    }

    /// <summary>Leaves the indexer without an endpoint unless the backend is Elasticsearch.</summary>
    public static void IndexOnlyWithElasticsearch(IRegistrationContext context, IRegistrationFilterConfigurator filter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(filter);
        if (context.GetRequiredService<IOptions<SearchOptions>>().Value.Backend != SearchBackend.Elasticsearch)
        {
            filter.Exclude<IndexProductConsumer>();
        }
    }

    public static WebApplicationBuilder AddSearchIndexing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCommerceSearch(builder.Configuration);
        return builder;
    }
}
