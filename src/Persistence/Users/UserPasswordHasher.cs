using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Persistence.Users;

/// <summary>
/// PBKDF2-HMAC-SHA256 through ASP.NET Core Identity's hasher, at OWASP's current minimum of
/// 600,000 iterations (the framework default is lower).
/// </summary>
public sealed class UserPasswordHasher
{
    public const int Iterations = 600_000;

    private readonly PasswordHasher<User> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(User user, string password) =>
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) is not PasswordVerificationResult.Failed;
}
