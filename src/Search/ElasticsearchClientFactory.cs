using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Commerce.Search;

/// <summary>Builds the one client of the process from the validated options.</summary>
internal static class ElasticsearchClientFactory
{
    public static ElasticsearchClient Create(ElasticsearchOptions options)
    {
        var url = options.Url
            ?? throw new InvalidOperationException("Search__Elasticsearch__Url is not set: the Elasticsearch client is only for Search__Backend=Elasticsearch");
        var settings = new ElasticsearchClientSettings(url)
            // Retries belong to the callers (the indexer's message retry, the Api's fallback):
            // the client retrying on top of them would multiply the wait behind a dead node.
            .MaximumRetries(0)
            .RequestTimeout(options.RequestTimeout)
            .MaxRetryTimeout(options.RequestTimeout)
            // Bodies are product text and credentials-adjacent: never buffered for debug output.
            .DisableDirectStreaming(false);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            settings = settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.Password))
        {
            settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password));
        }

        return new ElasticsearchClient(settings);
    }
}
