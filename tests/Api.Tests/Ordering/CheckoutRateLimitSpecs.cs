using System.Net;
using Commerce.Api.Tests.Storefront;

namespace Commerce.Api.Tests.Ordering;

/// <summary>
/// Checkouts are capped at 10 a minute per user (reliability plan S9), at the default setting. The
/// checkouts sent are refused as invalid, so none is stored or published: the limit counts them all.
/// </summary>
[TestFixture]
public sealed class CheckoutRateLimitSpecs : StorefrontFixture
{
    private const int CheckoutsPerMinute = 10;

    [Test]
    public async Task The_eleventh_checkout_of_a_user_in_a_minute_is_429_and_another_user_is_not_held_back()
    {
        var shopper = await NewCustomerTokenAsync();
        var other = await NewCustomerTokenAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < CheckoutsPerMinute; i++)
        {
            using var counted = await CheckoutAsync(shopper);
            statuses.Add(counted.StatusCode);
        }

        using var limited = await CheckoutAsync(shopper);
        using var otherUser = await CheckoutAsync(other);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.BadRequest));
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
            Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the limit is per user");
        });
    }

    /// <summary>A checkout without items or Idempotency-Key: 400 once past the limiter.</summary>
    private Task<HttpResponseMessage> CheckoutAsync(string accessToken) =>
        SendAsync(HttpMethod.Post, "/api/v1/checkout", accessToken, new
        {
            items = Array.Empty<object>(),
            paymentMethod = "pm_card_visa",
            shippingAddress = new { name = "Ada", line1 = "1 Main St", line2 = (string?)null, city = "Springfield", postalCode = "12345", country = "US" },
        });
}
