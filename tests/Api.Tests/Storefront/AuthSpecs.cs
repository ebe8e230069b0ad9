using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Commerce.Persistence.Seeding;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Tests.Storefront;

/// <summary>Register, login, me; access tokens that must be refused (RFC 8725); refresh rotation (RFC 9700 §4.14).</summary>
[TestFixture]
public sealed class AuthSpecs : StorefrontFixture
{
    [Test]
    public async Task A_new_user_registers_logs_in_and_reads_their_account()
    {
        var (email, password) = await RegisterAsync();
        var tokens = await LoginAsync(email.ToUpperInvariant(), password);

        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", tokens.AccessToken);
        var body = await JsonAsync(me);
        Assert.Multiple(() =>
        {
            Assert.That(tokens.TokenType, Is.EqualTo("Bearer"));
            Assert.That(tokens.ExpiresIn, Is.InRange(60, 3600));
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("email").GetString(), Is.EqualTo(email));
            Assert.That(body.GetProperty("fullName").GetString(), Is.EqualTo("Test User"));
            Assert.That(body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "customer" }));
            Assert.That(Guid.TryParse(body.GetProperty("userId").GetString(), out _), Is.True);
            Assert.That(body.TryGetProperty("passwordHash", out _), Is.False);
        });
    }

    [Test]
    public async Task Registering_a_taken_email_is_409_and_bad_input_is_400_keyed_by_field()
    {
        using var taken = await Client.PostAsJsonAsync(Url("/api/v1/auth/register"),
            new { email = DemoDataSeeder.CustomerEmail.ToUpperInvariant(), password = "Another-Pass-1", fullName = "X" });
        using var invalid = await Client.PostAsJsonAsync(Url("/api/v1/auth/register"), new { email = "not-an-email", password = "short", fullName = "" });
        var errors = (await JsonAsync(invalid)).GetProperty("errors");

        await AssertProblemAsync(taken, HttpStatusCode.Conflict);
        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "email", "password", "fullName" }));
    }

    [Test]
    public async Task Wrong_password_and_unknown_email_are_both_401()
    {
        using var wrong = await PostLoginAsync(DemoDataSeeder.CustomerEmail, "wrong-password");
        using var unknown = await PostLoginAsync("nobody@example.com", "wrong-password");

        await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Me_without_a_token_is_401()
    {
        using var response = await Client.GetAsync(Url("/api/v1/users/me"));

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_issued_by_the_api_is_accepted_and_a_forged_valid_one_too()
    {
        // Guards the refusals below: the forging helper itself makes acceptable tokens.
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", await ForgeAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static IEnumerable<TestCaseData> RefusedTokens()
    {
        yield return new TestCaseData("alg none").SetName("alg none is refused");
        yield return new TestCaseData("HS384").SetName("another algorithm is refused");
        yield return new TestCaseData("expired 31 s ago").SetName("a token expired 31 s ago is refused");
        yield return new TestCaseData("no exp").SetName("a token without exp is refused");
        yield return new TestCaseData("wrong issuer").SetName("a wrong issuer is refused");
        yield return new TestCaseData("wrong audience").SetName("a wrong audience is refused");
        yield return new TestCaseData("tampered payload").SetName("a tampered payload is refused");
        yield return new TestCaseData("other key").SetName("a token signed with another key is refused");
        yield return new TestCaseData("unknown kid").SetName("a token naming an unknown key is refused");
        yield return new TestCaseData("no kid").SetName("a token naming no key is refused");
    }

    [TestCaseSource(nameof(RefusedTokens))]
    public async Task Refused_access_tokens_get_401(string attack)
    {
        var token = attack switch
        {
            "alg none" => Unsigned(await CustomerIdAsync()),
            "HS384" => await ForgeAsync(algorithm: SecurityAlgorithms.HmacSha384),
            "expired 31 s ago" => await ForgeAsync(expires: DateTime.UtcNow.AddSeconds(-31)),
            "no exp" => await ForgeAsync(withoutExpiry: true),
            "wrong issuer" => await ForgeAsync(issuer: "someone-else"),
            "wrong audience" => await ForgeAsync(audience: "someone-else"),
            "tampered payload" => Tamper(await ForgeAsync()),
            "other key" => await ForgeAsync(key: "HM6Xd/CmWC6lKLbU+rHM2xbolFqN0E2rGJ0o89mckcU5DBDCqjDDXn3J71u1Q5vJ4OGYOVgnSuXrJRM7a3ONpg=="),
            "unknown kid" => await ForgeAsync(keyId: "someone-elses-key"),
            "no kid" => await ForgeAsync(keyId: null),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task After_a_refresh_the_old_refresh_token_is_401_and_the_new_one_works()
    {
        var (email, password) = await RegisterAsync();
        var first = await LoginAsync(email, password);

        using var refreshed = await RefreshAsync(first.RefreshToken);
        var second = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;
        using var old = await RefreshAsync(first.RefreshToken);

        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.RefreshToken, Is.Not.EqualTo(first.RefreshToken));
        await AssertProblemAsync(old, HttpStatusCode.Unauthorized);
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", second.AccessToken);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Reusing_a_rotated_token_revokes_the_whole_family_including_the_newest_token()
    {
        var (email, password) = await RegisterAsync();
        var first = await LoginAsync(email, password);
        using var rotated = await RefreshAsync(first.RefreshToken);
        var second = (await rotated.Content.ReadFromJsonAsync<Tokens>())!;
        using var rotatedAgain = await RefreshAsync(second.RefreshToken);
        var third = (await rotatedAgain.Content.ReadFromJsonAsync<Tokens>())!;

        using var reuse = await RefreshAsync(first.RefreshToken);
        using var newest = await RefreshAsync(third.RefreshToken);

        await AssertProblemAsync(reuse, HttpStatusCode.Unauthorized);
        await AssertProblemAsync(newest, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Of_parallel_refreshes_with_one_token_exactly_one_succeeds()
    {
        var (email, password) = await RegisterAsync();
        var tokens = await LoginAsync(email, password);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(tokens.RefreshToken)));
        try
        {
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), Is.EqualTo(7));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Test]
    public async Task Logout_revokes_the_family()
    {
        var (email, password) = await RegisterAsync();
        var first = await LoginAsync(email, password);
        using var rotated = await RefreshAsync(first.RefreshToken);
        var second = (await rotated.Content.ReadFromJsonAsync<Tokens>())!;

        using var logout = await Client.PostAsJsonAsync(Url("/api/v1/auth/logout"), new { refreshToken = first.RefreshToken });
        using var after = await RefreshAsync(second.RefreshToken);

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_unknown_refresh_token_is_401()
    {
        using var response = await RefreshAsync("not-a-token-we-ever-issued");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Client.PostAsJsonAsync(Url("/api/v1/auth/refresh"), new { refreshToken });

    private async Task<Guid> CustomerIdAsync()
    {
        await using var db = Database.CreateContext();
        return db.Users.Single(u => u.Email == DemoDataSeeder.CustomerEmail).Id;
    }

    private async Task<string> ForgeAsync(
        string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = Issuer,
        string audience = Audience,
        string key = SigningKey,
        DateTime? expires = null,
        bool withoutExpiry = false,
        string? keyId = SigningKeyId)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", (await CustomerIdAsync()).ToString()), new Claim("role", "customer")]),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-10),
            NotBefore = now.AddMinutes(-10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)) { KeyId = keyId }, algorithm),
        };
        if (!withoutExpiry)
        {
            descriptor.Expires = expires ?? now.AddMinutes(5);
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }

    private static string Unsigned(Guid userId)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"{{userId}}","role":"admin","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>Keeps header and signature, swaps the payload for one that claims the admin role.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"customer\"", "\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
