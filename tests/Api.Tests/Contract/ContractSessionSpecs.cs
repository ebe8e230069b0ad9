using System.Net;
using System.Text;
using System.Text.Json;

namespace Commerce.Api.Tests.Contract;

/// <summary>
/// A client session over the Api, error paths included, against the OpenAPI document the same Api
/// serves: every status the client meets is one the operation declares, and every error is the
/// problem+json the document says. A generated client would otherwise turn it into "unexpected
/// status code" and lose the problem's title.
/// </summary>
[TestFixture]
public sealed class ContractSessionSpecs : ContractFixture
{
    [Test]
    public async Task Every_status_a_client_session_meets_is_declared_by_its_operation_in_the_document()
    {
        var document = await JsonAsync(await Client.GetAsync(Url("/openapi/v1.json")));
        var customer = await NewCustomerTokenAsync();
        var admin = (await LoginAdminAsync()).AccessToken;
        var checkout = await CheckoutJsonAsync();
        var unknown = Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        var met = new List<(string Operation, HttpStatusCode Status, string? MediaType)>();

        async Task Call(string method, string template, string url, string? token = null, string? json = null, Action<HttpRequestMessage>? adjust = null)
        {
            using var request = Request(new HttpMethod(method), url, token);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            adjust?.Invoke(request);
            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            met.Add(($"{method.ToLowerInvariant()} {template}", response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        }

        await Call("GET", "/api/v1/", "/api/v1/");
        await Call("GET", "/api/v1/products", "/api/v1/products?pageSize=2");
        await Call("GET", "/api/v1/products", "/api/v1/products?page=0");
        await Call("GET", "/api/v1/products/{id}", $"/api/v1/products/{unknown}");
        await Call("POST", "/api/v1/auth/login", "/api/v1/auth/login", json: """{"email":"nobody@example.com","password":"wrong-password"}""");
        await Call("POST", "/api/v1/auth/login", "/api/v1/auth/login", json: """{"email":""}""");
        await Call("POST", "/api/v1/auth/register", "/api/v1/auth/register", json: """{"email":"customer@example.com","password":"Correct-Horse-42","fullName":"Again"}""");
        await Call("POST", "/api/v1/auth/refresh", "/api/v1/auth/refresh", json: """{"refreshToken":"not-a-token"}""");
        await Call("GET", "/api/v1/users/me", "/api/v1/users/me", customer);
        await Call("GET", "/api/v1/cart", "/api/v1/cart");
        await Call("PUT", "/api/v1/cart/items/{productId}", $"/api/v1/cart/items/{unknown}", customer, """{"quantity":1}""");
        await Call("PUT", "/api/v1/cart/items/{productId}", $"/api/v1/cart/items/{unknown}", customer, """{"quantity":"1"}""");
        await Call("POST", "/api/v1/checkout", "/api/v1/checkout", customer, checkout);
        await Call("POST", "/api/v1/checkout", "/api/v1/checkout", customer, checkout, r => r.Headers.Add("Idempotency-Key", key));
        await Call("POST", "/api/v1/checkout", "/api/v1/checkout", customer, checkout.Replace("\"quantity\":1", "\"quantity\":2", StringComparison.Ordinal), r => r.Headers.Add("Idempotency-Key", key));
        await Call("POST", "/api/v1/checkout", "/api/v1/checkout", customer, "{", r => r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        await Call("POST", "/api/v1/checkout", "/api/v1/checkout", customer, "", r => r.Content = new StringContent("<order/>", Encoding.UTF8, "application/xml"));
        await Call("POST", "/api/v1/checkout", "/api/v1/checkout", json: checkout);
        await Call("GET", "/api/v1/orders", "/api/v1/orders", customer);
        await Call("GET", "/api/v1/orders/{id}", $"/api/v1/orders/{unknown}", customer);
        await Call("GET", "/api/v1/orders/{id}/events", $"/api/v1/orders/{unknown}/events", customer, adjust: r => r.Headers.Accept.ParseAdd("text/event-stream"));
        await Call("POST", "/api/v1/orders/{id}/cancel", $"/api/v1/orders/{unknown}/cancel", customer);
        await Call("PUT", "/api/v1/admin/products/{id}/stock", $"/api/v1/admin/products/{unknown}/stock", customer, """{"available":1}""");
        await Call("PUT", "/api/v1/admin/products/{id}/stock", $"/api/v1/admin/products/{unknown}/stock", admin, """{"available":1}""");
        await Call("GET", "/api/v1/admin/orders/stuck", "/api/v1/admin/orders/stuck?olderThan=never", admin);
        await Call("POST", "/api/v1/webhooks/warehouse", "/api/v1/webhooks/warehouse", json: "{}");

        var paths = document.GetProperty("paths");
        Assert.Multiple(() =>
        {
            // The session reaches most kinds of answer; an empty session cannot pass.
            Assert.That(met.Select(m => (int)m.Status).Distinct(), Is.SupersetOf(new[] { 200, 202, 400, 401, 403, 404, 409, 415 }));
            foreach (var (operation, status, mediaType) in met)
            {
                var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1].TrimEnd('/'));
                var described = paths.EnumerateObject().Where(p => p.Name.TrimEnd('/') == path && p.Value.TryGetProperty(method, out _)).Select(p => p.Value.GetProperty(method)).ToList();
                Assert.That(described, Has.Count.EqualTo(1), $"{operation} is in the document");
                if (described.Count != 1)
                {
                    continue;
                }

                var responses = described[0].GetProperty("responses");
                var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(responses.TryGetProperty(code, out var declared), Is.True, $"{operation} declares the {code} it answered");
                if ((int)status >= 400 && declared.ValueKind == JsonValueKind.Object)
                {
                    Assert.That(mediaType, Is.EqualTo("application/problem+json"), $"{operation} {code}");
                    Assert.That(declared.GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True, $"{operation} {code} is declared as problem+json");
                }
            }
        });
    }
}
