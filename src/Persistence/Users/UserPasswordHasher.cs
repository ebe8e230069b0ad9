using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Persistence.Users;

/// <summary>
/// PBKDF2 through ASP.NET Core Identity's V3 hasher (HMAC-SHA512) at 600,000 iterations: above
/// OWASP's minimums for both SHA-256 (600,000) and SHA-512 (210,000); the framework default is 100,000.
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
