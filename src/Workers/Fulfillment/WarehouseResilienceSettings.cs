using System.ComponentModel.DataAnnotations;

namespace Commerce.Workers.Fulfillment;

/// <summary>
/// The tuning of Microsoft.Extensions.Http.Resilience's standard handler for the warehouse: total
/// timeout → retry (exponential, jitter) → circuit breaker → attempt timeout. Retrying a POST is
/// safe because every request carries its <c>requestId</c>, which the warehouse de-duplicates.
/// </summary>
public sealed class WarehouseResilienceSettings
{
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "{0} must be between 10 ms and 5 min")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>All attempts and delays of one call together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:30:00", ErrorMessage = "{0} must be between 20 ms and 30 min")]
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 10, ErrorMessage = "{0} must be between 1 and 10")]
    public int MaxRetryAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "{0} must be between 0 and 1 min")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0.01, 1.0, ErrorMessage = "{0} must be between 0.01 and 1")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 100_000, ErrorMessage = "{0} must be at least 2")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "{0} must be between 0.5 s and 1 h")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
