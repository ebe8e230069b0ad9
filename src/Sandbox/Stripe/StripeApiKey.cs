using System.Text;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// Reads the API key as Stripe does: <c>Authorization: Bearer &lt;key&gt;</c>, or HTTP Basic with the key as
/// the user name (<c>curl -u key:</c>). Only test-mode secret or restricted keys are accepted, so a
/// live key that reaches the sandbox by mistake fails loudly instead of "working".
/// </summary>
internal static class StripeApiKey
{
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        string? key = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            key = DecodeBasicUser(header["Basic ".Length..].Trim());
        }

        return key is not null && IsTestModeKey(key) ? key : null;
    }

    public static StripeReply Unauthorized(HttpRequest request) =>
        StripeReply.Error(StatusCodes.Status401Unauthorized, new("invalid_request_error", request.Headers.Authorization.Count == 0
            ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
            : "Invalid API Key provided. The sandbox accepts test-mode secret or restricted keys only."));

    // "<sk|rk>_test_<anything>"; split rather than compared with a literal prefix.
    private static bool IsTestModeKey(string key) =>
        key.Split('_', 3) is [var kind, "test", { Length: > 0 }] && kind is "sk" or "rk";

    private static string? DecodeBasicUser(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? decoded : decoded[..colon];
    }
}
