using System.ComponentModel.DataAnnotations;
using Commerce.Workers.Integrations;

namespace Commerce.Workers.Fulfillment;

/// <summary>
/// Section <c>Warehouse</c> (env: <c>Warehouse__BaseUrl</c>, <c>Warehouse__ApiKey</c>, <c>Warehouse__Resilience__…</c>).
/// The default base is the sandbox's, since the warehouse has no public default.
/// </summary>
public sealed class WarehouseOptions : IValidatableObject
{
    public const string SectionName = "Warehouse";

    public static readonly Uri SandboxBaseUrl = new("http://localhost:9090");

    /// <summary>The warehouse API's root; requests go to <c>{BaseUrl}/warehouse/v1/fulfillments</c>.</summary>
    [Required(ErrorMessage = "Warehouse:BaseUrl is required")]
    public Uri BaseUrl { get; set; } = SandboxBaseUrl;

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set; the sandbox needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The tuning of Microsoft.Extensions.Http.Resilience's standard handler: total timeout → retry
    /// (exponential, jitter, at least one retry; delays capped at 5 min, past the default total
    /// timeout) → circuit breaker (sampling at least twice the attempt timeout) → attempt timeout. Retrying a POST is safe because every request carries its
    /// <c>requestId</c>, which the warehouse de-duplicates.
    /// </summary>
    public ResilienceSettings Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(5),
        TotalRequestTimeout = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromMinutes(5),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https") || BaseUrl.AbsolutePath != "/")
        {
            yield return new ValidationResult("Warehouse:BaseUrl must be an absolute http(s) URL without a path, e.g. http://localhost:9090", [nameof(BaseUrl)]);
        }

        if (ApiKey is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult("Warehouse:ApiKey must not be empty or contain white space when set", [nameof(ApiKey)]);
        }

        foreach (var result in Resilience.Validate("Warehouse:Resilience"))
        {
            yield return result;
        }

        if (Resilience.MaxRetryAttempts < 1)
        {
            yield return new ValidationResult("Warehouse:Resilience:MaxRetryAttempts must be between 1 and 10", ["Warehouse:Resilience:MaxRetryAttempts"]);
        }
    }
}
