using System.Text;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Auth;

/// <summary>Start-up check of the key length, so a weak key stops the host instead of signing tokens.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var length = Encoding.UTF8.GetByteCount(options.SigningKey);
        return length is > 0 and < JwtOptions.MinimumKeyBytes
            ? ValidateOptionsResult.Fail($"Jwt:SigningKey must be at least {JwtOptions.MinimumKeyBytes} bytes (256 bits); it has {length}")
            : ValidateOptionsResult.Success;
    }
}
