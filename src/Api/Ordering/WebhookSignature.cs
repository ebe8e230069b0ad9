using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Commerce.Api.Ordering;

/// <summary>
/// <c>Warehouse-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>, as Stripe signs
/// its webhooks: over the raw bytes (re-serialized JSON does not verify), with a freshness window,
/// compared in constant time, against each current secret.
/// </summary>
internal static class WebhookSignature
{
    // Past the last second a DateTimeOffset can hold, a timestamp is not a time at all.
    private static readonly long LatestTimestamp = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!TryParse(header, out var timestamp, out var signatures) || timestamp > LatestTimestamp)
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
        {
            return false;
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp.ToString(CultureInfo.InvariantCulture)) + 1 + body.Length];
        var prefix = Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));

        var valid = false;
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            foreach (var candidate in signatures)
            {
                // Every comparison runs, so timing says nothing about which part matched.
                valid |= candidate.Length == expected.Length && CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        return valid;
    }

    private static bool TryParse(string? header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair is not [var key, var value])
            {
                return false;
            }

            switch (key.Trim())
            {
                case "t" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t):
                    timestamp = t;
                    break;
                case "v1":
                    try
                    {
                        signatures.Add(Convert.FromHexString(value.Trim()));
                    }
                    catch (FormatException)
                    {
                        return false;
                    }

                    break;
            }
        }

        return timestamp > 0 && signatures.Count > 0;
    }
}
