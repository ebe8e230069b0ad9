using System.Net;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// The global request limit (reliability plan S9) at 3 a minute, so one test reaches it: 429 as
/// problem+json with <c>Retry-After</c> (ASP.NET Core's default is a bare 503). Its only test, as the
/// anonymous callers of this host share one partition.
/// </summary>
[TestFixture]
public sealed class GlobalRateLimitSpecs : StorefrontFixture
{
    private const int RequestsPerMinute = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Gateway:RequestsPerMinute"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task The_request_past_the_limit_is_429_problem_json_with_Retry_After_and_health_stays_open()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RequestsPerMinute; i++)
        {
            using var allowed = await Client.GetAsync(Url("/api/v1/"));
            statuses.Add(allowed.StatusCode);
        }

        using var limited = await Client.GetAsync(Url("/api/v1/"));
        using var live = await Client.GetAsync(Url("/health/live"));

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Multiple(() =>
        {
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health is never limited");
        });
    }
}
