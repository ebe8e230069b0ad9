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
    public const int CheckoutsPerMinute = 3;

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

    protected static HttpRequestMessage WithAccept(HttpRequestMessage request, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return request;
    }
}
