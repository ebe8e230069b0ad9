using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Commerce.EndToEnd.Tests.Support;

/// <summary>Posts warehouse webhooks signed as the warehouse signs them (the Development secret).</summary>
public static class WarehouseWebhook
{
    public const string DevelopmentSecret = "whsec-sandbox-local-dev-only";

    public static async Task<HttpResponseMessage> PostAsync(Uri api, string body, DateTimeOffset? signedAt = null, string secret = DevelopmentSecret, bool sign = true)
    {
        using var http = new HttpClient { BaseAddress = api };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/warehouse") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (sign)
        {
            var t = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
            request.Headers.Add("Warehouse-Signature", $"t={t},v1={mac}");
        }

        return await http.SendAsync(request);
    }

    public static string Event(string eventId, string type, Guid orderId) =>
        $$"""{"eventId":"{{eventId}}","type":"{{type}}","orderId":"{{orderId}}","carrier":"DHL","trackingNumber":"TRK-{{eventId}}","occurredAt":"{{DateTimeOffset.UtcNow:O}}"}""";
}
