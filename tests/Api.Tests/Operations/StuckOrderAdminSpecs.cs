using System.Net;
using Commerce.Api.Tests.Storefront;

namespace Commerce.Api.Tests.Operations;

/// <summary><c>GET /api/v1/admin/orders/stuck</c>: admin only, the shared query's answer, problem+json for bad values.</summary>
[TestFixture]
public sealed class StuckOrderAdminSpecs : StorefrontFixture
{
    private const string Route = "/api/v1/admin/orders/stuck";

    [Test]
    public Task A_customer_gets_403_and_no_token_gets_401() => AssertAdminOnlyAsync(HttpMethod.Get, Route);

    [Test]
    public async Task An_admin_gets_the_stuck_orders_oldest_first_with_the_threshold_and_limit_applied()
    {
        var admin = await LoginAdminAsync();
        var scenario = await TestOrders.SeedStuckScenarioAsync(Database);

        using var byDefault = await SendAsync(HttpMethod.Get, Route, admin.AccessToken);
        var stuck = await JsonAsync(byDefault);
        using var olderThanTwoHours = await SendAsync(HttpMethod.Get, $"{Route}?olderThan=7200", admin.AccessToken);
        using var olderThanThirtyMinutes = await SendAsync(HttpMethod.Get, $"{Route}?olderThan=00:30:00&limit=1", admin.AccessToken);

        var first = stuck[0];
        Assert.Multiple(async () =>
        {
            Assert.That(byDefault.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stuck.EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()), Is.EqualTo(scenario.Stuck.Select(o => o.Id)));
            Assert.That(stuck.EnumerateArray().Select(o => o.GetProperty("state").GetString()), Is.EqualTo(new[] { "Shipped", "NotStarted", "AwaitingPayment" }));
            Assert.That(first.GetProperty("customerId").GetGuid(), Is.EqualTo(scenario.Stuck[0].CustomerId));
            Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("Shipped"));
            Assert.That(first.GetProperty("since").GetDateTimeOffset(), Is.EqualTo(scenario.Stuck[0].UpdatedAt).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(first.GetProperty("ageSeconds").GetDouble(), Is.EqualTo(TimeSpan.FromDays(2).TotalSeconds).Within(60));
            Assert.That((await JsonAsync(olderThanTwoHours)).EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()), Is.EqualTo(new[] { scenario.Stuck[0].Id }));
            Assert.That((await JsonAsync(olderThanThirtyMinutes)).EnumerateArray().Select(o => o.GetProperty("orderId").GetGuid()), Is.EqualTo(new[] { scenario.Stuck[0].Id }));
        });
    }

    [TestCase("olderThan=abc")]
    [TestCase("olderThan=0")]
    [TestCase("olderThan=-00:05:00")]
    [TestCase("olderThan=400d")]
    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=ten")]
    public async Task A_bad_query_value_is_a_400_problem(string query)
    {
        var admin = await LoginAdminAsync();

        using var response = await SendAsync(HttpMethod.Get, $"{Route}?{query}", admin.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
