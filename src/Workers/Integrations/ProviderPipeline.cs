using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Commerce.Workers.Integrations;

/// <summary>
/// Builds the Polly 8 pipeline every SDK-based provider call runs through (Stripe, SendGrid):
/// total timeout (when set, outermost) → retry → circuit breaker → per-attempt timeout (innermost).
/// The SDKs' own retries are off, so these are the only ones, and each retry reuses the same
/// idempotency key.
/// </summary>
public static class ProviderPipeline
{
    public static ResiliencePipelineBuilder AddProviderStrategies(this ResiliencePipelineBuilder builder, ResilienceSettings settings, Func<Exception, bool> isTransient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(isTransient);

        // A timed-out attempt and a transient provider failure are retried; an open circuit is not
        // (it would only fail again at once): the caller's own, durable retry takes over.
        bool Retryable(Exception e) => e is TimeoutRejectedException || (e is not BrokenCircuitException && isTransient(e));

        if (settings.TotalRequestTimeout is { } total)
        {
            builder.AddTimeout(total);
        }

        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && Retryable(e)),
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && Retryable(e)),
                FailureRatio = settings.CircuitBreakerFailureRatio,
                MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                SamplingDuration = settings.CircuitBreakerSamplingDuration,
                BreakDuration = settings.CircuitBreakerBreakDuration,
            })
            .AddTimeout(settings.AttemptTimeout);
    }

    /// <summary>What the pipeline itself throws when the provider is not worth calling now.</summary>
    public static bool IsPipelineRejection(Exception e) => e is TimeoutRejectedException or BrokenCircuitException;

    /// <summary>Transport-level failures any HTTP client may surface: connection refused or reset, a client-side timeout.</summary>
    public static bool IsTransportFailure(Exception e) => e switch
    {
        HttpRequestException => true,
        IOException => true,
        TimeoutException => true,
        // HttpClient.Timeout surfaces as a TaskCanceledException wrapping a TimeoutException.
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
