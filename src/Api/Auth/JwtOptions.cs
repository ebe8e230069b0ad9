using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Commerce.Api.Auth;

/// <summary>Bound from <c>Jwt</c> (env: <c>Jwt__SigningKey</c>, …): how access and refresh tokens are issued.</summary>
internal sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>HS256 needs a key at least as long as its 256-bit output (RFC 7518 §3.2).</summary>
    public const int MinimumKeyBytes = 32;

    [Required]
    public string Issuer { get; set; } = string.Empty;

    [Required]
    public string Audience { get; set; } = string.Empty;

    /// <summary>The HS256 key, as text (UTF-8 bytes). A secret: from the environment, never a committed file outside Development.</summary>
    [Required]
    public string SigningKey { get; set; } = string.Empty;

    [Range(1, 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 14;

    public byte[] SigningKeyBytes() => Encoding.UTF8.GetBytes(SigningKey);
}
