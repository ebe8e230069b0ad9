using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Commerce.Bench.Load;

/// <summary>A signed-in customer of the HTTP API, as a shopper's app is: it checks out one mug at a time.</summary>
public sealed class Shopper
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _authorization;

    private Shopper(HttpClient http, string accessToken)
    {
        _http = http;
        _authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    /// <summary>Registers and signs in <paramref name="count"/> customers; each may check out 1,000 times a minute (the bench's gateway setting).</summary>
    public static async Task<IReadOnlyList<Shopper>> RegisterAsync(HttpClient http, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var run = Guid.NewGuid().ToString("N")[..8];
        var shoppers = new Shopper[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var email = $"bench-{run}-{i}@example.com";
            const string password = "Bench-Shopper-123!";
            using (var registered = await http.PostAsJsonAsync("api/v1/auth/register", new { email, password, fullName = $"Bench Shopper {i}" }, ct))
            {
                await EnsureAsync(registered, "register");
            }

            using var login = await http.PostAsJsonAsync("api/v1/auth/login", new { email, password }, ct);
            await EnsureAsync(login, "login");
            var token = (await login.Content.ReadFromJsonAsync<JsonObject>(ct))!["accessToken"]!.GetValue<string>();
            shoppers[i] = new Shopper(http, token);
        });
        return shoppers;
    }

    /// <summary>One checkout; the idempotency key is the caller's so a retry after an unknown outcome can repeat it.</summary>
    public async Task<CheckoutOutcome> CheckoutAsync(Guid productId, string idempotencyKey, string paymentMethod, CancellationToken cancellationToken)
    {
        var body = new
        {
            items = new[] { new { productId, quantity = 1 } },
            paymentMethod,
            shippingAddress = new { name = "Bench Shopper", line1 = "1 Load Street", city = "London", postalCode = "N1 1AA", country = "GB" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/checkout") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = _authorization;
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new CheckoutOutcome(CheckoutResult.Refused, (int)response.StatusCode, null);
            }

            var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            return new CheckoutOutcome(CheckoutResult.Accepted, 202, json!["orderId"]!.GetValue<Guid>());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Timed out or the connection dropped: the order may or may not exist ("info" in the plan's history).
            return new CheckoutOutcome(CheckoutResult.Unknown, 0, null);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public enum CheckoutResult
{
    /// <summary>202: the order exists and must reach exactly one terminal state.</summary>
    Accepted,

    /// <summary>Any other status: the order was not taken.</summary>
    Refused,

    /// <summary>No answer: the order may or may not exist.</summary>
    Unknown,
}

public sealed record CheckoutOutcome(CheckoutResult Result, int Status, Guid? OrderId);
