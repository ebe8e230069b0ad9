using System.ComponentModel.DataAnnotations;

namespace Commerce.Workers.Integrations;

/// <summary>
/// The Polly 8 pipeline around one provider's calls (section <c>&lt;Provider&gt;:Resilience</c>): a
/// per-attempt timeout inside a circuit breaker inside a retry with exponential backoff and jitter,
/// inside the total timeout when one is set.
/// Only transient failures (5xx, 409, 429, timeouts, connection failures) are retried or counted by
/// the breaker; a decline or a rejected request never is. The ranges are Polly's own limits.
/// </summary>
public sealed class ResilienceSettings
{
    /// <summary>One HTTP attempt's limit; a longer attempt is abandoned and counts as a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "{0} must be between 10 ms and 5 min")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// All attempts and delays of one call together; none when unset (Stripe, SendGrid). The
    /// warehouse's standard handler sets it (30 s by default); it must be longer than <see cref="AttemptTimeout"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:30:00", ErrorMessage = "{0} must be between 20 ms and 30 min")]
    public TimeSpan? TotalRequestTimeout { get; set; }

    /// <summary>Retries after the first attempt; 0 turns the retry off (the caller retries later).</summary>
    [Range(0, 10, ErrorMessage = "{0} must be between 0 and 10")]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's median delay; it doubles per retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "{0} must be between 0 and 1 min")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "{0} must be between 0 and 5 min")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0, ErrorMessage = "{0} must be between 0.01 and 1")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the breaker may open.</summary>
    [Range(2, 100_000, ErrorMessage = "{0} must be at least 2")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "{0} must be between 0.5 s and 1 h")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once (as provider-unavailable) before letting one through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "{0} must be between 0.5 s and 1 h")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Checks these settings as a nested section; member names come out as <c>{prefix}:{Name}</c>.</summary>
    public IEnumerable<ValidationResult> Validate(string prefix)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var names = result.MemberNames.Select(n => $"{prefix}:{n}").ToList();
            yield return new ValidationResult($"{prefix}:{result.ErrorMessage}", names);
        }

        if (MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult($"{prefix}:MaxRetryDelay must not be shorter than RetryBaseDelay", [$"{prefix}:MaxRetryDelay"]);
        }

        if (TotalRequestTimeout <= AttemptTimeout)
        {
            yield return new ValidationResult($"{prefix}:TotalRequestTimeout must be longer than AttemptTimeout", [$"{prefix}:TotalRequestTimeout"]);
        }
    }
}
