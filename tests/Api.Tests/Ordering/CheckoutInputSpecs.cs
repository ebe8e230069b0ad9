using System.Net;
using System.Text.Json;
using Commerce.Api.Tests.Storefront;

namespace Commerce.Api.Tests.Ordering;

/// <summary>
/// Checkout text the database could never store (a NUL) or that is too long is the caller's error:
/// 400 naming the field, not a 503 that invites a retry which can never succeed.
/// </summary>
[TestFixture]
public sealed class CheckoutInputSpecs : StorefrontFixture
{
    [TestCase("name", "Ada\u0000Lovelace", "shippingAddress.name")]
    [TestCase("line1", "1 Main St\u0000", "shippingAddress.line1")]
    [TestCase("line2", "Flat\u00002", "shippingAddress.line2")]
    [TestCase("line2", null, "shippingAddress.line2")]
    [TestCase("city", "Spring\u0000field", "shippingAddress.city")]
    public async Task A_control_character_or_an_overlong_line_is_a_validation_problem(string field, string? value, string error)
    {
        var customer = await LoginCustomerAsync();
        var products = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?pageSize=1")));
        var address = new Dictionary<string, string?>
        {
            ["name"] = "Ada Lovelace",
            ["line1"] = "1 Main St",
            ["line2"] = null,
            ["city"] = "Springfield",
            ["postalCode"] = "12345",
            ["country"] = "US",
        };
        address[field] = value ?? new string('x', 201);
        using var request = Request(HttpMethod.Post, "/api/v1/checkout", customer.AccessToken, new
        {
            items = new[] { new { productId = products.GetProperty("items")[0].GetProperty("id").GetGuid(), quantity = 1 } },
            paymentMethod = "pm_card_visa",
            shippingAddress = address,
        });
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty(error, out _), Is.True, problem.RootElement.ToString());
    }

    [TestCase("card")]
    [TestCase("pm_")]
    [TestCase("tok_visa")]
    [TestCase("pm_card visa")]
    [TestCase("pm_card_visa\n")]
    [TestCase("PM_card_visa")]
    public async Task A_payment_method_that_is_not_a_Stripe_PaymentMethod_id_is_refused_and_no_order_is_stored(string paymentMethod)
    {
        var customer = await NewCustomerTokenAsync();
        var products = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?pageSize=1")));
        using var request = Request(HttpMethod.Post, "/api/v1/checkout", customer, new
        {
            items = new[] { new { productId = products.GetProperty("items")[0].GetProperty("id").GetGuid(), quantity = 1 } },
            paymentMethod,
            shippingAddress = new { name = "Ada Lovelace", line1 = "1 Main St", line2 = (string?)null, city = "Springfield", postalCode = "12345", country = "US" },
        });
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var orders = await SendAsync(HttpMethod.Get, "/api/v1/orders", customer);
        Assert.Multiple(async () =>
        {
            Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty("paymentMethod", out _), Is.True, problem.RootElement.ToString());
            Assert.That((await JsonAsync(orders)).GetProperty("total").GetInt32(), Is.Zero, "nothing was accepted");
        });
    }
}
