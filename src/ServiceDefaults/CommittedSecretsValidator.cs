using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults;

/// <summary>
/// Outside Development, fails start-up for each named setting that holds a secret committed to the
/// repository (<see cref="DevelopmentSecrets"/>): with it anyone could mint tokens, forge webhooks or
/// call a provider as us. The message names the setting, never the value.
/// </summary>
public sealed class CommittedSecretsValidator<TOptions>(
    IHostEnvironment environment,
    IReadOnlyList<(string Setting, Func<TOptions, IEnumerable<string?>> Values)> secrets) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var committed = secrets
            .Where(secret => secret.Values(options).Any(DevelopmentSecrets.IsRefused))
            .Select(secret => $"{secret.Setting} is a development value committed to the repository; outside Development set a secret of your own from the environment")
            .ToList();
        return committed.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(committed);
    }
}
