using Microsoft.Extensions.Options;

namespace Commerce.Workers.Integrations;

/// <summary>
/// In Production a provider's base URL must be <c>https</c>: its API key and our customers' data
/// travel on it. Other environments may use the sandbox's plain http.
/// </summary>
public sealed class ProductionTlsValidator<TOptions>(IHostEnvironment environment, string setting, Func<TOptions, Uri> baseUrl) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return environment.IsProduction() && baseUrl(options) is { IsAbsoluteUri: true } url && url.Scheme != Uri.UriSchemeHttps
            ? ValidateOptionsResult.Fail($"{setting} must be an https URL in Production")
            : ValidateOptionsResult.Success;
    }
}
