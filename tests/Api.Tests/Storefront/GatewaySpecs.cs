using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Commerce.Api.Tests.Storefront;

/// <summary>Body size, strict JSON, security headers, CORS and the login rate limit (at its default of 5 a minute).</summary>
[TestFixture]
public sealed class GatewaySpecs : StorefrontFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Gateway:LoginAttemptsPerMinute"] = "5",
        ["Gateway:AllowedOrigins:0"] = "https://shop.example.com",
    };

    [Test]
    public async Task A_body_over_64_KiB_is_413()
    {
        var padding = new string('a', 64 * 1024);
        using var content = new StringContent($$"""{"email":"{{padding}}@example.com","password":"x"}""", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(Url("/api/v1/auth/login"), content);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task An_unknown_json_member_is_400()
    {
        using var response = await Client.PostAsJsonAsync(Url("/api/v1/auth/register"),
            new { email = $"{Guid.NewGuid():N}@example.com", password = "Long-Enough-1", fullName = "Mallory", isAdmin = true });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Json_nested_deeper_than_64_is_400()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + new string('}', 70);
        using var content = new StringContent($$"""{"refreshToken":"x","extra":{{deep}}}""", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(Url("/api/v1/auth/refresh"), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Responses_carry_security_headers()
    {
        using var response = await Client.GetAsync(Url("/api/v1/products?pageSize=1"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
        });
    }

    [Test]
    public async Task Cors_allows_only_the_configured_origins()
    {
        using var allowed = Preflight("https://shop.example.com");
        using var denied = Preflight("https://evil.example.com");

        using var allowedResponse = await Client.SendAsync(allowed);
        using var deniedResponse = await Client.SendAsync(denied);

        Assert.That(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://shop.example.com" }));
        Assert.That(deniedResponse.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task The_sixth_login_in_a_minute_for_one_account_and_address_is_429_with_Retry_After()
    {
        var (email, _) = await RegisterAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last?.Dispose();
            last = await PostLoginAsync(email, "wrong-password");
            statuses.Add(last.StatusCode);
        }

        using var limited = last!;
        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, Url("/api/v1/products"));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }
}
