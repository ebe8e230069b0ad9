using System.Net;

namespace Commerce.Api.Tests.Storefront;

/// <summary>Search that no input can break, product reads, and admin-only writes with cache invalidation.</summary>
[TestFixture]
public sealed class CatalogSpecs : StorefrontFixture
{
    [Test]
    public async Task Search_finds_by_words_ranks_and_filters_by_category_and_price()
    {
        var hits = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?q=wireless%20headphones")));
        var books = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?category=books&minPrice=40&maxPrice=50&pageSize=100")));

        Assert.Multiple(() =>
        {
            Assert.That(hits.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Wireless Headphones"));
            var items = books.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items, Is.Not.Empty);
            Assert.That(items.Select(i => i.GetProperty("category").GetString()), Is.All.EqualTo("books"));
            Assert.That(items.Select(i => i.GetProperty("price").GetDecimal()), Is.All.InRange(40m, 50m));
            Assert.That(books.GetProperty("total").GetInt32(), Is.EqualTo(items.Count));
        });
    }

    [Test]
    public async Task Search_counts_every_match_by_category_and_price_range_and_names_its_backend()
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?pageSize=1"));
        var all = await JsonAsync(response);
        var books = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?category=books&pageSize=1")));

        var categories = all.GetProperty("facets").GetProperty("categories").EnumerateArray().ToList();
        var ranges = all.GetProperty("facets").GetProperty("priceRanges").EnumerateArray().ToList();
        var bookCategories = books.GetProperty("facets").GetProperty("categories").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Search-Backend"), Is.EqualTo(new[] { "postgres" }));
            Assert.That(categories.Sum(c => c.GetProperty("count").GetInt64()), Is.EqualTo(all.GetProperty("total").GetInt32()), "every product in one category facet");
            Assert.That(categories.Select(c => c.GetProperty("count").GetInt64()), Is.Ordered.Descending);
            Assert.That(ranges.Sum(r => r.GetProperty("count").GetInt64()), Is.EqualTo(all.GetProperty("total").GetInt32()), "every product in one price range");
            Assert.That(ranges, Has.Count.EqualTo(6));
            Assert.That(ranges[0].GetProperty("from").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(ranges[0].GetProperty("to").GetDecimal(), Is.EqualTo(25m));
            Assert.That(bookCategories.Select(c => c.GetProperty("category").GetString()), Is.EqualTo(new[] { "books" }), "facets count the filtered matches");
            Assert.That(bookCategories[0].GetProperty("count").GetInt64(), Is.EqualTo(books.GetProperty("total").GetInt32()));
            Assert.That(all.GetProperty("highlights").EnumerateObject(), Is.Empty, "PostgreSQL highlights nothing");
        });
    }

    [Test]
    public async Task Search_pages_and_caps_the_page_size_at_100()
    {
        var page = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?page=2&pageSize=5")));
        using var tooBig = await Client.GetAsync(Url("/api/v1/products?pageSize=101"));

        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(5));
            Assert.That(page.GetProperty("page").GetInt32(), Is.EqualTo(2));
            Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(5));
            Assert.That(page.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(50));
        });
        await AssertProblemAsync(tooBig, HttpStatusCode.BadRequest);
        Assert.That((await JsonAsync(tooBig)).GetProperty("errors").TryGetProperty("pageSize", out _), Is.True);
    }

    [TestCase("' OR 1=1--")]
    [TestCase("foo & | ! (")]
    [TestCase(":*")]
    [TestCase("\"unbalanced")]
    [TestCase("nul\0byte")]
    [TestCase("<script>alert(1)</script>")]
    [TestCase("-")]
    [TestCase("\"\"")]
    public async Task Hostile_search_text_is_200_or_400_never_500(string q)
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?q=" + Uri.EscapeDataString(q)));

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Search_text_of_10000_characters_is_400()
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?q=" + new string('a', 10_000)));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestCase(200, HttpStatusCode.OK)]
    [TestCase(201, HttpStatusCode.BadRequest)]
    public async Task Search_text_is_allowed_up_to_200_characters(int length, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?q=" + new string('a', length)));

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_product_reads_as_the_contract_says_and_an_unknown_one_is_404()
    {
        var first = (await JsonAsync(await Client.GetAsync(Url("/api/v1/products?pageSize=1")))).GetProperty("items")[0];
        var id = first.GetProperty("id").GetString();

        var product = await JsonAsync(await Client.GetAsync(Url($"/api/v1/products/{id}")));
        using var missing = await Client.GetAsync(Url($"/api/v1/products/{Guid.NewGuid()}"));

        Assert.That(
            product.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "id", "sku", "name", "description", "category", "price", "currency", "attributes", "available" }));
        Assert.That(product.GetProperty("currency").GetString(), Is.EqualTo("USD"));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private static IEnumerable<TestCaseData> AdminRoutes()
    {
        var id = Guid.NewGuid();
        object product = new { sku = "X-1", name = "X", category = "x", price = 1.00m };
        yield return new TestCaseData("POST", "/api/v1/admin/products", product);
        yield return new TestCaseData("PUT", $"/api/v1/admin/products/{id}", product);
        yield return new TestCaseData("DELETE", $"/api/v1/admin/products/{id}", null);
        yield return new TestCaseData("PUT", $"/api/v1/admin/products/{id}/stock", new { available = 5 });
    }

    [TestCaseSource(nameof(AdminRoutes))]
    public async Task A_customer_gets_403_and_an_anonymous_caller_401_on_every_admin_route(string method, string url, object? body)
    {
        var customer = await LoginCustomerAsync();

        using var asCustomer = await SendAsync(new HttpMethod(method), url, customer.AccessToken, body);
        using var anonymous = await SendAsync(new HttpMethod(method), url, null, body);

        await AssertProblemAsync(asCustomer, HttpStatusCode.Forbidden);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_admin_creates_updates_restocks_and_deletes_a_product_and_reads_never_serve_stale_cache()
    {
        var admin = (await LoginAdminAsync()).AccessToken;
        var sku = $"TST-{Guid.NewGuid():N}"[..20];

        using var created = await SendAsync(HttpMethod.Post, "/api/v1/admin/products", admin,
            new { sku, name = "Zebra Lantern", description = "glows", category = "outdoor", price = 12.50m, attributes = new Dictionary<string, string> { ["color"] = "red" }, available = 3 });
        var product = await JsonAsync(created);
        var id = product.GetProperty("id").GetString();
        // Warm the cache, then change the product: the next read must show the change.
        await Client.GetAsync(Url($"/api/v1/products/{id}"));
        await Client.GetAsync(Url("/api/v1/products?q=zebra"));

        using var updated = await SendAsync(HttpMethod.Put, $"/api/v1/admin/products/{id}", admin,
            new { sku, name = "Zebra Lamp", description = "glows", category = "outdoor", price = 14.00m });
        using var restocked = await SendAsync(HttpMethod.Put, $"/api/v1/admin/products/{id}/stock", admin, new { available = 9 });
        var read = await JsonAsync(await Client.GetAsync(Url($"/api/v1/products/{id}")));
        var search = await JsonAsync(await Client.GetAsync(Url("/api/v1/products?q=zebra")));
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/admin/products/{id}", admin);
        using var gone = await Client.GetAsync(Url($"/api/v1/products/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(product.GetProperty("available").GetInt32(), Is.EqualTo(3));
            Assert.That(product.GetProperty("attributes").GetProperty("color").GetString(), Is.EqualTo("red"));
            Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(restocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(read.GetProperty("name").GetString(), Is.EqualTo("Zebra Lamp"));
            Assert.That(read.GetProperty("price").GetDecimal(), Is.EqualTo(14.00m));
            Assert.That(read.GetProperty("available").GetInt32(), Is.EqualTo(9));
            Assert.That(search.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Zebra Lamp"));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Extra_fields_such_as_a_client_price_on_stock_are_400()
    {
        var admin = (await LoginAdminAsync()).AccessToken;
        var id = (await JsonAsync(await Client.GetAsync(Url("/api/v1/products?pageSize=1")))).GetProperty("items")[0].GetProperty("id").GetString();

        using var response = await SendAsync(HttpMethod.Put, $"/api/v1/admin/products/{id}/stock", admin, new { available = 5, price = 0.01m });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Invalid_product_fields_are_400_keyed_by_field()
    {
        var admin = (await LoginAdminAsync()).AccessToken;
        var attributes = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", i => "v");

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/admin/products", admin,
            new { sku = "", name = "n", category = "c", price = -1m, attributes });
        var errors = (await JsonAsync(response)).GetProperty("errors");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.SupersetOf(new[] { "sku", "price", "attributes" }));
    }
}
