using Commerce.Search;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// The Elasticsearch call's timeout and circuit breaker, one per process so the breaker sees every
/// request: after repeated failures searches go straight to PostgreSQL until the break ends, instead
/// of each waiting out the timeout first.
/// </summary>
internal sealed class SearchResilience
{
    public SearchResilience(IOptions<SearchOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(15),
                ShouldHandle = new PredicateBuilder().Handle<SearchUnavailableException>().Handle<TimeoutRejectedException>(),
            })
            // The client has the same timeout; this one also bounds what the client does around the request.
            .AddTimeout(options.Value.Elasticsearch.RequestTimeout)
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>What made a search fall back: the metric's <c>reason</c>.</summary>
    public static string? FallbackReason(Exception e) => e switch
    {
        BrokenCircuitException => "circuit_open",
        TimeoutRejectedException => "timeout",
        // Any failed search, a 4xx refusal included (ProductSearcher): never a 500.
        SearchUnavailableException => "unavailable",
        _ => null,
    };
}
