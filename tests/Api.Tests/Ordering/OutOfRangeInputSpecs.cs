using System.Net;
using System.Text;
using Commerce.Api.Tests.Storefront;

namespace Commerce.Api.Tests.Ordering;

/// <summary>Numbers past any sensible range are the caller's error (4xx), never an overflow into a 500.</summary>
[TestFixture]
public sealed class OutOfRangeInputSpecs : StorefrontFixture
{
    [TestCase("page=2147483647")]
    [TestCase("page=10001")]
    [TestCase("page=0")]
    [TestCase("pageSize=101")]
    public async Task An_order_page_out_of_range_is_a_validation_problem(string query)
    {
        var customer = await LoginCustomerAsync();

        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/orders?{query}", customer.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestCase("t=99999999999999,v1=00")]
    [TestCase("t=9223372036854775807,v1=00")]
    [TestCase("t=-1,v1=00")]
    public async Task A_webhook_timestamp_no_clock_can_hold_is_unauthorized(string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/v1/webhooks/warehouse"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Warehouse-Signature", signature);

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await response.Content.ReadAsStringAsync());
    }
}
