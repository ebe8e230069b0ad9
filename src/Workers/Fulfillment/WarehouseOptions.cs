using System.ComponentModel.DataAnnotations;

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

    public WarehouseResilienceSettings Resilience { get; set; } = new();

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

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Resilience, new ValidationContext(Resilience), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"Warehouse:Resilience:{result.ErrorMessage}", [.. result.MemberNames.Select(n => $"Resilience:{n}")]);
        }

        if (Resilience.TotalRequestTimeout <= Resilience.AttemptTimeout)
        {
            yield return new ValidationResult("Warehouse:Resilience:TotalRequestTimeout must be longer than AttemptTimeout", ["Resilience:TotalRequestTimeout"]);
        }
    }
}
