using System.ComponentModel.DataAnnotations;
using Commerce.Workers.Integrations;

namespace Commerce.Workers.Notifications;

/// <summary>
/// Section <c>SendGrid</c> (env: <c>SendGrid__ApiKey</c>, <c>SendGrid__Host</c>, <c>SendGrid__FromEmail</c>,
/// <c>SendGrid__FromName</c>, <c>SendGrid__Resilience__…</c>). Development points it at the sandbox.
/// </summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string SectionName = "SendGrid";

    public static readonly Uri SendGridHost = new("https://api.sendgrid.com");

    [Required(AllowEmptyStrings = false, ErrorMessage = "SendGrid:ApiKey is required (SendGrid__ApiKey)")]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Where <c>/v3/mail/send</c> lives: SendGrid's API, or the sandbox.</summary>
    [Required(ErrorMessage = "SendGrid:Host is required")]
    public Uri Host { get; set; } = SendGridHost;

    [Required(AllowEmptyStrings = false, ErrorMessage = "SendGrid:FromEmail is required (a sender verified in SendGrid)")]
    [EmailAddress(ErrorMessage = "SendGrid:FromEmail must be an email address")]
    public string FromEmail { get; set; } = string.Empty;

    [Required(AllowEmptyStrings = false, ErrorMessage = "SendGrid:FromName is required")]
    [StringLength(100, ErrorMessage = "SendGrid:FromName must be at most 100 characters")]
    public string FromName { get; set; } = "Commerce";

    public ResilienceSettings Resilience { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKey.Any(char.IsWhiteSpace))
        {
            yield return new ValidationResult("SendGrid:ApiKey must not contain white space", [nameof(ApiKey)]);
        }

        if (!Host.IsAbsoluteUri || Host.Scheme is not ("http" or "https") || Host.AbsolutePath != "/")
        {
            yield return new ValidationResult("SendGrid:Host must be an absolute http(s) URL without a path, e.g. https://api.sendgrid.com", [nameof(Host)]);
        }

        foreach (var result in Resilience.Validate("SendGrid:Resilience"))
        {
            yield return result;
        }
    }
}
