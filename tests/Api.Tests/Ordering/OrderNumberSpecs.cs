using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Commerce.Api.Tests.Storefront;
using Commerce.LocalSystem;

namespace Commerce.Api.Tests.Ordering;

/// <summary>
/// Every order has a human order number (<c>CM-</c> and nine digits, docs/adr/0037): drawn in the
/// INSERT that stores the order, so concurrent checkouts never share one; shown in the Order and
/// found by the admins' order search. The Api publishes to a virtual host of its own, so no other
/// run's Workers see these orders.
/// </summary>
[TestFixture]
public sealed partial class OrderNumberSpecs : StorefrontFixture
{
    private const int ConcurrentCheckouts = 40;

    private ThrowawayVirtualHost _virtualHost = null!;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["RabbitMq:VirtualHost"] = _virtualHost.Name,
        ["Gateway:CheckoutsPerMinute"] = "1000",
    };

    protected override async Task BeforeHostStartsAsync() => _virtualHost = await ThrowawayVirtualHost.CreateAsync("ordernumbers");

    protected override async Task AfterHostStoppedAsync() => await _virtualHost.DisposeAsync();

    [Test]
    public async Task Concurrent_checkouts_each_get_a_distinct_order_number_in_the_Order()
    {
        var customer = await NewCustomerTokenAsync();
        var product = await AnyProductIdAsync();

        var orderIds = await Task.WhenAll(Enumerable.Range(0, ConcurrentCheckouts).Select(_ => CheckoutAsync(customer, product)));
        var numbers = new List<string>();
        foreach (var orderId in orderIds)
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/v1/orders/{orderId}", customer);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            numbers.Add((await JsonAsync(response)).GetProperty("orderNumber").GetString()!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(orderIds.Distinct().Count(), Is.EqualTo(ConcurrentCheckouts), "each checkout made an order of its own");
            Assert.That(numbers, Is.All.Matches<string>(n => OrderNumberForm().IsMatch(n)));
            Assert.That(numbers.Distinct().Count(), Is.EqualTo(ConcurrentCheckouts), string.Join(", ", numbers));
        });
    }

    [Test]
    public async Task An_admin_finds_an_order_by_its_number_with_or_without_the_prefix()
    {
        var customer = await NewCustomerTokenAsync();
        var orderId = await CheckoutAsync(customer, await AnyProductIdAsync());
        using var mine = await SendAsync(HttpMethod.Get, $"/api/v1/orders/{orderId}", customer);
        var number = (await JsonAsync(mine)).GetProperty("orderNumber").GetString()!;
        var admin = await LoginAdminAsync();

        var byNumber = await SearchAsync(admin.AccessToken, Uri.EscapeDataString(number));
        var byDigits = await SearchAsync(admin.AccessToken, number["CM-".Length..]);
        var byLowerCase = await SearchAsync(admin.AccessToken, number.ToLowerInvariant());
        var unknown = await SearchAsync(admin.AccessToken, "CM-999999999");

        Assert.Multiple(() =>
        {
            foreach (var found in new[] { byNumber, byDigits, byLowerCase })
            {
                Assert.That(found.GetProperty("total").GetInt32(), Is.EqualTo(1));
                Assert.That(found.GetProperty("items")[0].GetProperty("orderId").GetGuid(), Is.EqualTo(orderId));
                Assert.That(found.GetProperty("items")[0].GetProperty("orderNumber").GetString(), Is.EqualTo(number));
            }

            Assert.That(unknown.GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(unknown.GetProperty("items").GetArrayLength(), Is.Zero);
        });
    }

    [TestCase("CM-")]
    [TestCase("order-12")]
    [TestCase("-5")]
    [TestCase("99999999999999999999")]
    public async Task A_search_for_something_that_is_not_an_order_number_is_a_validation_problem(string orderNumber)
    {
        var admin = await LoginAdminAsync();

        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/admin/orders?orderNumber={Uri.EscapeDataString(orderNumber)}", admin.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((await JsonAsync(response)).GetProperty("errors").TryGetProperty("orderNumber", out _), Is.True);
    }

    [Test]
    public Task Only_admins_search_orders() => AssertAdminOnlyAsync(HttpMethod.Get, "/api/v1/admin/orders?orderNumber=CM-100000001");

    [GeneratedRegex(@"^CM-[1-9][0-9]{8}$")]
    private static partial Regex OrderNumberForm();

    private async Task<JsonElement> SearchAsync(string adminToken, string orderNumber)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/admin/orders?orderNumber={orderNumber}", adminToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private async Task<Guid> AnyProductIdAsync()
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?pageSize=1"));
        return (await JsonAsync(response)).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    private async Task<Guid> CheckoutAsync(string accessToken, Guid productId)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/checkout", accessToken, new
        {
            items = new[] { new { productId, quantity = 1 } },
            paymentMethod = "pm_card_visa",
            shippingAddress = new { name = "Ada Lovelace", line1 = "1 Main St", line2 = (string?)null, city = "Springfield", postalCode = "12345", country = "US" },
        });
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("orderId").GetGuid();
    }
}
