using System.Security.Claims;
using Commerce.Persistence.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Auth;

/// <summary>Issues and describes how to validate the short-lived access tokens (JWT, HS256).</summary>
internal sealed class AccessTokens(IOptions<JwtOptions> options, TimeProvider clock)
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    /// <summary>
    /// The signing key's id, in every token's <c>kid</c>: a token naming another key is refused
    /// rather than tried against ours (RFC 8725 §3.1; reliability plan S4). A rotation gives the
    /// new key a new id.
    /// </summary>
    public const string KeyId = "commerce-access-1";

    /// <summary>RFC 8725 wants a small skew; .NET's default of 5 minutes would keep expired tokens alive.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new();

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);

    public string Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var jwt = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var identity = new ClaimsIdentity(
            [
                new Claim(SubjectClaim, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                .. user.Roles.Select(role => new Claim(RoleClaim, role)),
            ]);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = identity,
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(SigningKey(jwt), Algorithm),
        });
    }

    /// <summary>
    /// The algorithm is pinned (no <c>none</c>, no algorithm swap), issuer, audience, signature and
    /// expiry are all required.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(JwtOptions jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        return new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = SigningKey(jwt),
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [Algorithm],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            NameClaimType = SubjectClaim,
            RoleClaimType = RoleClaim,
        };
    }

    private static SymmetricSecurityKey SigningKey(JwtOptions jwt) => new(jwt.SigningKeyBytes()) { KeyId = KeyId };
}
