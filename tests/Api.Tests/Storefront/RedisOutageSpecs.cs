using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Commerce.LocalSystem;
using Commerce.Persistence.Seeding;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// An Api whose Redis is not there (a port nobody listens on; the shared Redis stays untouched):
/// the catalog answers from PostgreSQL, while login, registration (whose per-address limit lives in
/// Redis, docs/adr/0031), refresh and the cart fail closed with 503 within 2 s.
/// </summary>
[TestFixture]
public sealed class RedisOutageSpecs : StorefrontFixture
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    protected override string RedisConfiguration => $"127.0.0.1:{FreePort.Next()},connectRetry=0";

    protected override bool WaitUntilReady => false;

    [Test]
    public async Task The_catalog_still_answers_from_PostgreSQL()
    {
        for (var i = 0; i < 6; i++)
        {
            // Several reads: the first ones meet Redis failures, later ones the open circuit.
            var clock = Stopwatch.StartNew();
            using var search = await Client.GetAsync(Url("/api/v1/products?q=keyboard"));
            var body = await JsonAsync(search);
            Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("total").GetInt32(), Is.GreaterThan(0));
            Assert.That(clock.Elapsed, Is.LessThan(Limit));
        }

        var id = (await JsonAsync(await Client.GetAsync(Url("/api/v1/products?pageSize=1")))).GetProperty("items")[0].GetProperty("id").GetString();
        using var product = await Client.GetAsync(Url($"/api/v1/products/{id}"));
        Assert.That(product.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_answers_503_within_2_s()
    {
        var clock = Stopwatch.StartNew();
        using var response = await PostLoginAsync(DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);

        Assert.That(clock.Elapsed, Is.LessThan(Limit));
        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Register_fails_closed_with_503_within_2_s_and_creates_no_user()
    {
        var email = $"unthrottled-{Guid.NewGuid():N}@example.com";

        var clock = Stopwatch.StartNew();
        using var response = await Client.PostAsJsonAsync(Url("/api/v1/auth/register"), new { email, password = "Correct-Horse-42", fullName = "Test User" });

        Assert.That(clock.Elapsed, Is.LessThan(Limit));
        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        await using var db = Database.CreateContext();
        Assert.That(db.Users.Any(u => u.Email == email), Is.False, "no registration past a throttle that cannot count");
    }

    [Test]
    public async Task Refresh_fails_closed_with_503_within_2_s()
    {
        var clock = Stopwatch.StartNew();
        using var response = await Client.PostAsJsonAsync(Url("/api/v1/auth/refresh"), new { refreshToken = "any-token-at-all" });

        Assert.That(clock.Elapsed, Is.LessThan(Limit));
        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }

    [Test]
    public async Task The_cart_answers_503_within_2_s()
    {
        // Access tokens need no Redis: a signed-in user (token from the test key) reaches the cart.
        var token = await ValidTokenAsync();

        var clock = Stopwatch.StartNew();
        using var get = await SendAsync(HttpMethod.Get, "/api/v1/cart", token);
        var elapsed = clock.Elapsed;

        Assert.That(elapsed, Is.LessThan(Limit));
        await AssertProblemAsync(get, HttpStatusCode.ServiceUnavailable);
    }

    private async Task<string> ValidTokenAsync()
    {
        await using var db = Database.CreateContext();
        var user = db.Users.Single(u => u.Email == DemoDataSeeder.CustomerEmail);
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        return handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", user.Id.ToString())]),
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(SigningKey)) { KeyId = SigningKeyId },
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }
}
