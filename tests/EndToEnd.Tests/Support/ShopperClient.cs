using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Commerce.EndToEnd.Tests.Support;

/// <summary>A client of the HTTP API as a shopper's app would use it: log in, check out, watch the order.</summary>
public sealed class ShopperClient : IDisposable
{
    private readonly HttpClient _http;

    private ShopperClient(Uri api)
    {
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<ShopperClient> LogInAsync(Uri api, string email, string password)
    {
        var client = new ShopperClient(api);
        using var response = await client._http.PostAsJsonAsync("api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The password of every shopper <see cref="RegisterAsync"/> makes.</summary>
    public const string RegisteredPassword = "Shopper-Pass-123!";

    public static async Task<ShopperClient> RegisterAsync(Uri api)
    {
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        const string password = RegisteredPassword;
        using var http = new HttpClient { BaseAddress = api };
        using var response = await http.PostAsJsonAsync("api/v1/auth/register", new { email, password, fullName = "Test Shopper" });
        response.EnsureSuccessStatusCode();
        return await LogInAsync(api, email, password);
    }

    public static object Body(Guid productId, int quantity, string paymentMethod = "pm_card_visa") => new
    {
        items = new[] { new { productId, quantity } },
        paymentMethod,
        shippingAddress = new { name = "Ada Lovelace", line1 = "1 Analytical Way", line2 = (string?)null, city = "London", postalCode = "N1 1AA", country = "GB" },
    };

    public async Task<(HttpStatusCode Status, JsonObject? Body)> CheckoutAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/checkout") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null);
    }

    /// <summary>
    /// Checks out as the contract tells a client to: a 503 ("could not be stored durably", e.g. every
    /// database connection of the Api busy in a burst) is tried again with the same Idempotency-Key,
    /// with a growing pause, until a deadline; anything but a 202 at the end fails the test.
    /// </summary>
    public async Task<Guid> PlaceOrderAsync(Guid productId, int quantity, string paymentMethod = "pm_card_visa")
    {
        var key = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var attempt = 1; ; attempt++)
        {
            var (status, body) = await CheckoutAsync(Body(productId, quantity, paymentMethod), key);
            if (status != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body?.ToJsonString());
                return body!["orderId"]!.GetValue<Guid>();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Min(attempt, 10)));
        }
    }

    public async Task<(HttpStatusCode Status, JsonObject? Order)> GetOrderAsync(Guid orderId)
    {
        using var response = await _http.GetAsync(new Uri($"api/v1/orders/{orderId}", UriKind.Relative));
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null);
    }

    public async Task<HttpStatusCode> CancelAsync(Guid orderId)
    {
        using var response = await _http.PostAsync(new Uri($"api/v1/orders/{orderId}/cancel", UriKind.Relative), null);
        return response.StatusCode;
    }

    /// <summary>Polls the order until its status is one of <paramref name="statuses"/>; returns the order.</summary>
    public async Task<JsonObject> WaitForStatusAsync(Guid orderId, TimeSpan deadline, params string[] statuses)
    {
        JsonObject? order = null;
        await Poll.UntilAsync(
            async () =>
            {
                (_, order) = await GetOrderAsync(orderId);
                return order is not null && statuses.Contains(order["status"]!.GetValue<string>());
            },
            deadline,
            $"order {orderId} to reach {string.Join(" or ", statuses)} (last seen: {order?["status"]})");
        return order!;
    }

    public static IReadOnlyList<string> Timeline(JsonObject order) =>
        [.. order["timeline"]!.AsArray().Select(e => e!["status"]!.GetValue<string>())];

    public void Dispose() => _http.Dispose();
}
