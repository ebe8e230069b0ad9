using System.ComponentModel.DataAnnotations;

namespace Commerce.Api.Auth;

/// <summary>Bound from <c>Jwt</c> (env: <c>Jwt__SigningKey</c>, …): how access and refresh tokens are issued.</summary>
internal sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public const string SigningKeySetting = "Jwt:SigningKey";

    /// <summary>HS256 needs a key at least as long as its 256-bit output (RFC 7518 §3.2).</summary>
    public const int MinimumKeyBytes = 32;

    [Required]
    public string Issuer { get; set; } = string.Empty;

    [Required]
    public string Audience { get; set; } = string.Empty;

    /// <summary>
    /// The HS256 key as base64 of random bytes (<c>openssl rand -base64 32</c>), read the same way in
    /// every environment. A secret: from the environment, never a committed file outside Development.
    /// </summary>
    [Required]
    public string SigningKey { get; set; } = string.Empty;

    [Range(1, 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 14;

    public byte[] SigningKeyBytes() => Convert.FromBase64String(SigningKey);
}
