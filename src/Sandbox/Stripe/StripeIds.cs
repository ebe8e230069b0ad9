using System.Security.Cryptography;

namespace Commerce.Sandbox.Stripe;

/// <summary>Ids in Stripe's style: a type prefix and 24 random characters.</summary>
internal static class StripeIds
{
    public static string New(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
