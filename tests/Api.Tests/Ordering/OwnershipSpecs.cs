using System.Net;
using Commerce.Api.Tests.Storefront;
using Commerce.Persistence.Orders;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Api.Tests.Ordering;

/// <summary>
/// Object-level authorization (OWASP API1, reliability plan S1): another customer asking for a
/// customer's order by its id gets 404, on every route that takes one. The route tables below are
/// checked against the routes the Api really maps, so a new route with a parameter fails the build
/// until it has an ownership case here or a stated reason why it names nothing a customer owns.
/// </summary>
[TestFixture]
public sealed class OwnershipSpecs : StorefrontFixture
{
    /// <summary>Routes that name a customer's own resource, with what its owner gets (proof the id was found).</summary>
    private static readonly OwnedRoute[] OwnedRoutes =
    [
        new("GET", "/api/v1/orders/{id:guid}", HttpStatusCode.OK),
        // A delivered order can no longer be cancelled: the owner's 409 shows the route found it, without sending anything.
        new("POST", "/api/v1/orders/{id:guid}/cancel", HttpStatusCode.Conflict),
        // A delivered order is final: the owner's stream sends the current status and ends.
        new("GET", "/api/v1/orders/{id:guid}/events", HttpStatusCode.OK),
    ];

    /// <summary>Routes with a parameter that names nothing a customer owns, and why.</summary>
    private static readonly Dictionary<string, string> NotOwnedRoutes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/products/{id:guid}"] = "the public catalog",
        ["PUT /api/v1/cart/items/{productId:guid}"] = "a catalog product; the cart is the caller's own, chosen by the token (CartSpecs)",
        ["PUT /api/v1/admin/products/{id:guid}"] = "admin only (CatalogSpecs)",
        ["DELETE /api/v1/admin/products/{id:guid}"] = "admin only (CatalogSpecs)",
        ["PUT /api/v1/admin/products/{id:guid}/stock"] = "admin only (CatalogSpecs)",
        ["GET /api/v1/admin/dead-letters/{queue}"] = "admin only (DeadLetterAdminSpecs)",
        ["POST /api/v1/admin/dead-letters/{queue}/retry"] = "admin only (DeadLetterAdminSpecs)",
        ["POST /api/v1/admin/dead-letters/{queue}/discard"] = "admin only (DeadLetterAdminSpecs)",
        ["GET /openapi/{documentName}.json"] = "the contract document, Development only (ProductionSpecs)",
        ["GET /scalar/{documentName?}"] = "the interactive contract page, Development only (ProductionSpecs)",
    };

    private static IEnumerable<TestCaseData> OwnedCases() =>
        OwnedRoutes.Select(route => new TestCaseData(route).SetArgDisplayNames(route.Key));

    [Test]
    public void Every_mapped_route_with_a_parameter_has_an_ownership_case_or_a_reason_it_needs_none()
    {
        var mapped = MappedRoutesWithParameters();
        var covered = OwnedRoutes.Select(r => r.Key).Concat(NotOwnedRoutes.Keys).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(mapped, Does.Contain("GET /api/v1/orders/{id:guid}/events"), "the walk sees the live-status stream");
            Assert.That(mapped.Except(covered), Is.Empty, "routes with a parameter and no ownership case: add them to OwnedRoutes (or, naming no customer's resource, to NotOwnedRoutes)");
            Assert.That(covered.Except(mapped), Is.Empty, "cases for routes the Api no longer maps");
        });
    }

    [TestCaseSource(nameof(OwnedCases))]
    public async Task Another_customer_gets_404_where_the_owner_gets_the_order(OwnedRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var owner = await NewCustomerTokenAsync();
        var other = await NewCustomerTokenAsync();
        var url = route.Url(await DeliveredOrderOfAsync(owner));

        using var asOwner = await SendWithoutReadingAsync(route.Method, url, owner);
        using var asOther = await SendWithoutReadingAsync(route.Method, url, other);

        Assert.That(asOwner.StatusCode, Is.EqualTo(route.OwnerStatus), "the owner reaches the order");
        await AssertProblemAsync(asOther, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Another_customers_order_list_leaves_the_order_out()
    {
        var owner = await NewCustomerTokenAsync();
        var other = await NewCustomerTokenAsync();
        var orderId = await DeliveredOrderOfAsync(owner);

        var mine = await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/orders", owner));
        var theirs = await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/orders", other));

        Assert.Multiple(() =>
        {
            Assert.That(mine.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()), Is.EqualTo(new[] { orderId }));
            Assert.That(theirs.GetProperty("items").GetArrayLength(), Is.Zero);
        });
    }

    private List<string> MappedRoutesWithParameters() =>
        [.. Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))];

    /// <summary>An order of the token's user, written straight to the database in a final status.</summary>
    private async Task<Guid> DeliveredOrderOfAsync(string accessToken)
    {
        var userId = (await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/users/me", accessToken))).GetProperty("userId").GetGuid();
        return await TestOrders.AddForCustomerAsync(Database, userId, OrderStatus.Delivered);
    }

    /// <summary>Headers only: the owner's event stream is not read to its end.</summary>
    private async Task<HttpResponseMessage> SendWithoutReadingAsync(string method, string url, string accessToken)
    {
        using var request = Request(new HttpMethod(method), url, accessToken);
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
