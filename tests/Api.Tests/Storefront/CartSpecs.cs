using System.Net;
using Commerce.LocalSystem;
using StackExchange.Redis;

namespace Commerce.Api.Tests.Storefront;

/// <summary>The cart in Redis: priced from the catalog, quantities 0..99, a 30-day sliding expiry.</summary>
[TestFixture]
public sealed class CartSpecs : StorefrontFixture
{
    [Test]
    public async Task Lines_are_priced_from_the_catalog_and_quantity_0_removes_one()
    {
        var token = await NewCustomerTokenAsync();
        var (first, second) = await TwoProductsAsync();

        using var put1 = await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{first.Id}", token, new { quantity = 2 });
        using var put2 = await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{second.Id}", token, new { quantity = 1 });
        var cart = await JsonAsync(put2);
        using var remove = await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{first.Id}", token, new { quantity = 0 });
        var afterRemove = await JsonAsync(remove);

        Assert.Multiple(() =>
        {
            Assert.That(put1.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(cart.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(cart.GetProperty("total").GetDecimal(), Is.EqualTo((first.Price * 2) + second.Price));
            Assert.That(cart.GetProperty("currency").GetString(), Is.EqualTo("USD"));
            var line = cart.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("productId").GetGuid() == first.Id);
            Assert.That(line.GetProperty("unitPrice").GetDecimal(), Is.EqualTo(first.Price));
            Assert.That(line.GetProperty("lineTotal").GetDecimal(), Is.EqualTo(first.Price * 2));
            Assert.That(line.GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(afterRemove.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [TestCase(-1)]
    [TestCase(100)]
    public async Task A_quantity_outside_0_to_99_is_400(int quantity)
    {
        var token = await NewCustomerTokenAsync();
        var (product, _) = await TwoProductsAsync();

        using var response = await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{product.Id}", token, new { quantity });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((await JsonAsync(response)).GetProperty("errors").TryGetProperty("quantity", out _), Is.True);
    }

    [Test]
    public async Task An_unknown_product_is_404_and_the_cart_needs_a_token()
    {
        var token = await NewCustomerTokenAsync();

        using var unknown = await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{Guid.NewGuid()}", token, new { quantity = 1 });
        using var anonymous = await Client.GetAsync(Url("/api/v1/cart"));

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_cart_key_carries_a_30_day_expiry_and_delete_empties_it()
    {
        var token = await NewCustomerTokenAsync();
        var (product, _) = await TwoProductsAsync();
        using (await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{product.Id}", token, new { quantity = 3 }))
        {
        }

        var userId = (await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/users/me", token))).GetProperty("userId").GetGuid();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(LocalServices.Current.RedisConfiguration);
        var key = $"cart:{userId:N}";
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);

        using var cleared = await SendAsync(HttpMethod.Delete, "/api/v1/cart", token);
        var empty = await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/cart", token));

        Assert.Multiple(() =>
        {
            Assert.That(ttl, Is.Not.Null.And.InRange(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)));
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(empty.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(empty.GetProperty("total").GetDecimal(), Is.Zero);
        });
        Assert.That(await redis.GetDatabase().KeyExistsAsync(key), Is.False);
    }

    private async Task<(ProductRef First, ProductRef Second)> TwoProductsAsync()
    {
        var items = (await JsonAsync(await Client.GetAsync(Url("/api/v1/products?category=books&pageSize=2")))).GetProperty("items");
        ProductRef At(int i) => new(items[i].GetProperty("id").GetGuid(), items[i].GetProperty("price").GetDecimal());
        return (At(0), At(1));
    }

    private sealed record ProductRef(Guid Id, decimal Price);
}
