using Commerce.Search;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// The configured backend answers; when that is Elasticsearch and it does not answer (timeout, 5xx,
/// breaker open), PostgreSQL does, as the seed's failure table asks, and the answer says so.
/// </summary>
internal sealed partial class SearchRouter(
    IOptions<SearchOptions> options,
    PostgresProductSearch postgres,
    IServiceProvider services,
    SearchMetrics metrics,
    ILogger<SearchRouter> logger)
{
    public string ConfiguredBackend { get; } = options.Value.Backend == SearchBackend.Elasticsearch ? SearchAnswer.Elasticsearch : SearchAnswer.Postgres;

    public async Task<SearchAnswer> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        if (ConfiguredBackend == SearchAnswer.Postgres)
        {
            return new SearchAnswer(await postgres.SearchAsync(query, cancellationToken), SearchAnswer.Postgres);
        }

        try
        {
            // Resolved only here: with the PostgreSQL backend no Elasticsearch client is ever made.
            var elasticsearch = services.GetRequiredService<ElasticsearchProductSearch>();
            return new SearchAnswer(await elasticsearch.SearchAsync(query, cancellationToken), SearchAnswer.Elasticsearch);
        }
        catch (Exception e) when (SearchResilience.FallbackReason(e) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            metrics.FellBack(reason);
            LogFellBack(logger, reason);
            return new SearchAnswer(await postgres.SearchAsync(query, cancellationToken), SearchAnswer.PostgresFallback);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Elasticsearch did not answer ({Reason}); the search was answered from PostgreSQL")]
    private static partial void LogFellBack(ILogger logger, string reason);
}
