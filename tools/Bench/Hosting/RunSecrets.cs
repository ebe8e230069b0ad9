using System.Security.Cryptography;

namespace Commerce.Bench.Hosting;

/// <summary>
/// The secrets a production host requires from its environment, made up for one run: random each
/// time, handed to the child processes only, so a bench never depends on a committed key.
/// </summary>
public sealed record RunSecrets(string JwtSigningKey, string WarehouseWebhookSecret, string StripeApiKey, string SendGridApiKey)
{
    public static RunSecrets Create() => new(
        // Base64 of random bytes, the one form the Api takes as a signing key.
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        $"whsec_{Random(24)}",
        // The sandbox takes test-mode keys only ("rk_test_…"), as a live key must fail loudly there.
        $"rk_test_{Random(24)}",
        $"SG.{Random(24)}");

    /// <summary><paramref name="bytes"/> random bytes as hex: plain characters every setting and header accepts.</summary>
    private static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
