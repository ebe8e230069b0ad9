using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Commerce.Sandbox.Warehouse;

/// <summary>
/// <c>Warehouse-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>, Stripe's
/// webhook scheme: the timestamp inside the signed text lets the receiver reject replays older than its tolerance.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "Warehouse-Signature";

    public static string Create(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
