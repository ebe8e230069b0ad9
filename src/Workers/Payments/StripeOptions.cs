using System.ComponentModel.DataAnnotations;
using Commerce.Workers.Integrations;

namespace Commerce.Workers.Payments;

/// <summary>
/// Section <c>Stripe</c> (env: <c>Stripe__ApiKey</c>, <c>Stripe__ApiBase</c>, <c>Stripe__Resilience__…</c>).
/// Development points it at the sandbox (<c>appsettings.Development.json</c>); elsewhere the key is
/// required and the base is Stripe's own.
/// </summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string SectionName = "Stripe";

    public static readonly Uri StripeApiBase = new("https://api.stripe.com");

    /// <summary>A secret or restricted key; from the environment or user secrets, never a committed file.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Stripe:ApiKey is required (Stripe__ApiKey)")]
    public string ApiKey { get; set; } = string.Empty;

    [Required(ErrorMessage = "Stripe:ApiBase is required")]
    public Uri ApiBase { get; set; } = StripeApiBase;

    public ResilienceSettings Resilience { get; set; } = new()
    {
        // Confirming a PaymentIntent can take Stripe several seconds (card networks, 3-D Secure checks).
        AttemptTimeout = TimeSpan.FromSeconds(20),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKey.Any(char.IsWhiteSpace))
        {
            yield return new ValidationResult("Stripe:ApiKey must not contain white space", [nameof(ApiKey)]);
        }

        if (!ApiBase.IsAbsoluteUri || ApiBase.Scheme is not ("http" or "https") || ApiBase.AbsolutePath != "/")
        {
            yield return new ValidationResult("Stripe:ApiBase must be an absolute http(s) URL without a path, e.g. https://api.stripe.com", [nameof(ApiBase)]);
        }

        foreach (var result in Resilience.Validate("Stripe:Resilience"))
        {
            yield return result;
        }
    }
}
