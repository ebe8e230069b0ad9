using Microsoft.Extensions.Options;

namespace Commerce.Api.Auth;

/// <summary>
/// Start-up check that the signing key is random enough, so a weak key stops the host instead of
/// signing tokens: base64 of at least 256 bits with many distinct bytes. A passphrase fails the
/// decoding (its spaces, dashes or length) or, like a repeated pattern, has few distinct bytes.
/// </summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    /// <summary>32 random bytes have about 30 distinct values; fewer than half of 32 means a pattern, not chance.</summary>
    public const int MinimumDistinctBytes = 16;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SigningKey.Length == 0)
        {
            // Reported by the [Required] check already.
            return ValidateOptionsResult.Success;
        }

        var key = new byte[options.SigningKey.Length];
        return Convert.TryFromBase64String(options.SigningKey, key, out var length)
            && length >= JwtOptions.MinimumKeyBytes
            && key.AsSpan(0, length).ToArray().Distinct().Count() >= MinimumDistinctBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{JwtOptions.SigningKeySetting} must be base64 of at least {JwtOptions.MinimumKeyBytes} random bytes (256 bits), e.g. from openssl rand -base64 32");
    }
}
