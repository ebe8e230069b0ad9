using System.Net.Http.Headers;
using System.Text;
using Commerce.Api.Tests.Storefront;
using Commerce.LocalSystem;

namespace Commerce.Api.Tests.Contract;

/// <summary>
/// An Api of the suite's own on a RabbitMQ virtual host of its own (so accepted checkouts go nowhere
/// shared), with a checkout limit low enough for a test to meet its 429.
/// </summary>
public abstract class ContractFixture : StorefrontFixture
{
    public const int CheckoutsPerMinute = 8;

    private ThrowawayVirtualHost _virtualHost = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["RabbitMq:VirtualHost"] = _virtualHost.Name,
        ["Gateway:CheckoutsPerMinute"] = CheckoutsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override async Task BeforeHostStartsAsync() => _virtualHost = await ThrowawayVirtualHost.CreateAsync(GetType().Name.ToLowerInvariant());

    protected override async Task AfterHostStoppedAsync() => await _virtualHost.DisposeAsync();

    /// <summary>A checkout with the body exactly as given (malformed on purpose, where a test wants it so).</summary>
    protected async Task<HttpResponseMessage> PostCheckoutAsync(string accessToken, string json, string? idempotencyKey = "generate")
    {
        using var request = Request(HttpMethod.Post, "/api/v1/checkout", accessToken);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey == "generate" ? Guid.NewGuid().ToString() : idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>A valid checkout body for the first product of the demo catalog, <paramref name="quantity"/> as a JSON literal.</summary>
    protected async Task<string> CheckoutJsonAsync(string quantity = "1")
    {
        var products = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?pageSize=1")));
        var productId = products.GetProperty("items")[0].GetProperty("id").GetGuid();
        return $$$"""
            {"items":[{"productId":"{{{productId}}}","quantity":{{{quantity}}}}],"paymentMethod":"pm_card_visa",
             "shippingAddress":{"name":"Ada Lovelace","line1":"350 Fifth Avenue","line2":null,"city":"New York","postalCode":"10118","country":"US"}}
            """;
    }

    /// <summary>
    /// A client session over most routes, its error paths included (a wrong password, a taken email,
    /// unknown ids, a customer on an admin route, a reused Idempotency-Key, bodies that do not bind…),
    /// sent through <paramref name="client"/>: the Api itself, or a validating proxy in front of it.
    /// </summary>
    protected async Task<List<SessionAnswer>> RunClientSessionAsync(HttpClient client, bool onlyWhatTheDocumentAllows = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        var customer = await NewCustomerTokenAsync();
        var admin = (await LoginAdminAsync()).AccessToken;
        var checkout = await CheckoutJsonAsync();
        var unknown = Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", key);
        void NewKey(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        SessionCall[] calls =
        [
            new("GET", "/api/v1", "/api/v1", null, null, null),
            new("GET", "/api/v1/products", "/api/v1/products?pageSize=2", null, null, null),
            new("GET", "/api/v1/products", "/api/v1/products?page=0", null, null, null),
            new("GET", "/api/v1/products/{id}", $"/api/v1/products/{unknown}", null, null, null),
            new("POST", "/api/v1/auth/login", "/api/v1/auth/login", null, """{"email":"nobody@example.com","password":"wrong-password"}""", null),
            new("POST", "/api/v1/auth/login", "/api/v1/auth/login", null, """{"email":"","password":""}""", null),
            new("POST", "/api/v1/auth/register", "/api/v1/auth/register", null, """{"email":"customer@example.com","password":"Correct-Horse-42","fullName":"Again"}""", null),
            new("POST", "/api/v1/auth/refresh", "/api/v1/auth/refresh", null, """{"refreshToken":"not-a-token"}""", null),
            new("GET", "/api/v1/users/me", "/api/v1/users/me", customer, null, null),
            new("GET", "/api/v1/cart", "/api/v1/cart", null, null, null, FollowsDocument: false),
            new("PUT", "/api/v1/cart/items/{productId}", $"/api/v1/cart/items/{unknown}", customer, """{"quantity":1}""", null),
            new("PUT", "/api/v1/cart/items/{productId}", $"/api/v1/cart/items/{unknown}", customer, """{"quantity":"1"}""", null, FollowsDocument: false),
            new("POST", "/api/v1/checkout", "/api/v1/checkout", customer, checkout, null, FollowsDocument: false),
            new("POST", "/api/v1/checkout", "/api/v1/checkout", customer, checkout, Key),
            new("POST", "/api/v1/checkout", "/api/v1/checkout", customer, checkout.Replace("\"quantity\":1", "\"quantity\":2", StringComparison.Ordinal), Key),
            new("POST", "/api/v1/checkout", "/api/v1/checkout", customer, "{", NewKey, FollowsDocument: false),
            new("POST", "/api/v1/checkout", "/api/v1/checkout", customer, null, r => { NewKey(r); r.Content = new StringContent("<order/>", System.Text.Encoding.UTF8, "application/xml"); }, FollowsDocument: false),
            new("POST", "/api/v1/checkout", "/api/v1/checkout", null, checkout, NewKey, FollowsDocument: false),
            new("GET", "/api/v1/orders", "/api/v1/orders", customer, null, null),
            new("GET", "/api/v1/orders/{id}", $"/api/v1/orders/{unknown}", customer, null, null),
            new("GET", "/api/v1/orders/{id}/events", $"/api/v1/orders/{unknown}/events", customer, null, r => r.Headers.Accept.ParseAdd("text/event-stream")),
            new("POST", "/api/v1/orders/{id}/cancel", $"/api/v1/orders/{unknown}/cancel", customer, null, null),
            new("PUT", "/api/v1/admin/products/{id}/stock", $"/api/v1/admin/products/{unknown}/stock", customer, """{"available":1}""", null),
            new("PUT", "/api/v1/admin/products/{id}/stock", $"/api/v1/admin/products/{unknown}/stock", admin, """{"available":1}""", null),
            new("GET", "/api/v1/admin/orders/stuck", "/api/v1/admin/orders/stuck?olderThan=never", admin, null, null),
            new("POST", "/api/v1/webhooks/warehouse", "/api/v1/webhooks/warehouse", null, "{}", null, FollowsDocument: false),
            new("POST", "/api/v1/webhooks/warehouse", "/api/v1/webhooks/warehouse", null, $$"""{"eventId":"evt-1","type":"shipment.dispatched","orderId":"{{unknown}}","carrier":"UPS","trackingNumber":"1Z999AA10123456784","occurredAt":"2026-12-04T09:30:00Z"}""", r => r.Headers.TryAddWithoutValidation("Warehouse-Signature", "t=1,v1=00")),
        ];

        var answers = new List<SessionAnswer>();
        foreach (var call in calls.Where(c => c.FollowsDocument || !onlyWhatTheDocumentAllows))
        {
            using var request = Request(new HttpMethod(call.Method), call.Url, call.Token);
            if (call.Json is not null)
            {
                request.Content = new StringContent(call.Json, System.Text.Encoding.UTF8, "application/json");
            }

            call.Adjust?.Invoke(request);
            using var response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30))
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException($"{call.Operation} ({call.Url}) did not answer", t.Exception), TaskScheduler.Default);
            var violations = response.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : null;
            answers.Add(new(call, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), violations));
        }

        return answers;
    }

    protected static HttpRequestMessage WithAccept(HttpRequestMessage request, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return request;
    }
}
