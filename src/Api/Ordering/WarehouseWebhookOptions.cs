using System.ComponentModel.DataAnnotations;

namespace Commerce.Api.Ordering;

/// <summary>Bound from <c>Warehouse</c>: the webhook's shared secrets (two during a rotation).</summary>
internal sealed class WarehouseWebhookOptions : IValidatableObject
{
    /// <summary>An HMAC key a guess cannot reach: the warehouse issues 24 random bytes or more, and so should whoever sets one.</summary>
    public const int MinSecretLength = 24;

    /// <summary>A window wide enough for clock skew and a retried delivery, narrow enough that a captured request soon stops working.</summary>
    public static readonly TimeSpan MaxTolerance = TimeSpan.FromMinutes(15);

    public const string SectionName = "Warehouse";

    public const string SecretsSetting = "Warehouse:WebhookSecrets";

    [Required, MinLength(1), MaxLength(2)]
    public string[] WebhookSecrets { get; set; } = [];

    /// <summary>How far a signature's timestamp may be from now.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(300);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookSecrets.Any(secret => secret is null || secret.Length < MinSecretLength))
        {
            yield return new ValidationResult($"{SecretsSetting} must each be at least {MinSecretLength} characters", [nameof(WebhookSecrets)]);
        }

        if (Tolerance <= TimeSpan.Zero || Tolerance > MaxTolerance)
        {
            yield return new ValidationResult($"Warehouse:Tolerance must be more than 0 and at most {MaxTolerance.TotalMinutes:0} minutes", [nameof(Tolerance)]);
        }
    }
}
