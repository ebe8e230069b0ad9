using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.LocalSystem;
using Commerce.Persistence.Seeding;
using Commerce.Persistence.Users;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// An Api of the fixture's own on a fresh, seeded database (demo catalog and accounts), with a
/// known JWT key so tests can forge tokens. Subclasses may add or override settings.
/// </summary>
public abstract class StorefrontFixture
{
    public const string Issuer = "commerce-test-issuer";
    public const string Audience = "commerce-test-audience";
    /// <summary>Base64 of 64 random bytes, as the Api reads its key: long enough for HS256, HS384 and HS512 alike.</summary>
    public const string SigningKey = "HPcACaO7mNs9Zb+u7BOq5vmwNZ2XgscrYC5K2yfGwu5ZtTxOLuMO0iz/A63XivArYmQmyICIOFHTgyI787KE3g==";

    /// <summary>The <c>kid</c> the Api signs with and requires (<c>AccessTokens.KeyId</c>).</summary>
    public const string SigningKeyId = "commerce-access-1";

    protected ThrowawayDatabase Database { get; private set; } = null!;

    protected HostFactory<Program> Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>The settings <see cref="Host"/> runs with, for a suite that starts a second instance beside it.</summary>
    protected IReadOnlyDictionary<string, string> HostSettings { get; private set; } = null!;

    /// <summary>Settings layered over the defaults below.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    /// <summary>The Redis the Api is pointed at: the shared one, unless a suite brings its own (or one that is not there).</summary>
    protected virtual string RedisConfiguration => LocalServices.Current.RedisConfiguration;

    /// <summary>
    /// The search cache's Redis: the shared cache server, or the suite's own Redis when it brings
    /// one, so a suite that takes "Redis" down takes both down.
    /// </summary>
    protected virtual string RedisCacheConfiguration =>
        RedisConfiguration == LocalServices.Current.RedisConfiguration ? LocalServices.Current.RedisCacheConfiguration : RedisConfiguration;

    /// <summary>Whether to wait for /health/ready (false when a dependency is meant to be down).</summary>
    protected virtual bool WaitUntilReady => true;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        await BeforeHostStartsAsync();
        Database = await ThrowawayDatabase.CreateAsync(GetType().Name.ToLowerInvariant()[..Math.Min(12, GetType().Name.Length)]);
        await using (var db = Database.CreateContext())
        {
            await new DemoDataSeeder(db, new UserPasswordHasher(), TimeProvider.System).SeedAsync(CancellationToken.None);
        }

        var settings = new Dictionary<string, string>(LocalServices.Current.HostSettings(Database.ConnectionString))
        {
            ["Redis:Configuration"] = RedisConfiguration,
            ["Redis:CacheConfiguration"] = RedisCacheConfiguration,
            ["Jwt:Issuer"] = Issuer,
            ["Jwt:Audience"] = Audience,
            ["Jwt:SigningKey"] = SigningKey,
            // The login and registration limits are lifted by HostFactory; this one counts per host.
            ["Gateway:RequestsPerMinute"] = "100000",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        HostSettings = settings;
        Host = new HostFactory<Program>(settings);
        Client = Host.CreateClient();
        if (WaitUntilReady)
        {
            await HealthProbe.WaitForReadyStatusAsync(Client, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        }
        else
        {
            await Client.WaitForLiveAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Database.DisposeAsync();
        await AfterHostStoppedAsync();
    }

    /// <summary>For a dependency of the fixture's own that the settings point at (NUnit runs base set-ups first).</summary>
    protected virtual Task BeforeHostStartsAsync() => Task.CompletedTask;

    protected virtual Task AfterHostStoppedAsync() => Task.CompletedTask;

    protected static Uri Url(string relative) => new(relative, UriKind.Relative);

    /// <summary>A login as sent, for a test that reads the answer itself.</summary>
    protected async Task<HttpResponseMessage> PostLoginAsync(string email, string password) =>
        await Client.PostAsJsonAsync(Url("/api/v1/auth/login"), new { email, password });

    protected async Task<Tokens> LoginAsync(string email, string password)
    {
        using var response = await PostLoginAsync(email, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    protected Task<Tokens> LoginCustomerAsync() => LoginAsync(DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);

    protected Task<Tokens> LoginAdminAsync() => LoginAsync(DemoDataSeeder.AdminEmail, DemoDataSeeder.AdminPassword);

    /// <summary>A new customer of the test's own, so tests never share a cart or a login limit.</summary>
    protected async Task<(string Email, string Password)> RegisterAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        const string password = "Correct-Horse-42";
        using var response = await Client.PostAsJsonAsync(Url("/api/v1/auth/register"), new { email, password, fullName = "Test User" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (email, password);
    }

    /// <summary>The access token of a new customer of the test's own.</summary>
    protected async Task<string> NewCustomerTokenAsync()
    {
        var (email, password) = await RegisterAsync();
        return (await LoginAsync(email, password)).AccessToken;
    }

    protected static HttpRequestMessage Request(HttpMethod method, string url, string? accessToken = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, Url(url));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? accessToken = null, object? body = null)
    {
        using var request = Request(method, url, accessToken, body);
        return await Client.SendAsync(request);
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The route answers 403 to a customer's token and 401 without one.</summary>
    protected async Task AssertAdminOnlyAsync(HttpMethod method, string url, object? body = null)
    {
        var customer = await LoginCustomerAsync();

        using var forbidden = await SendAsync(method, url, customer.AccessToken, body);
        using var anonymous = await SendAsync(method, url, body: body);

        Assert.Multiple(() =>
        {
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    protected static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        });
    }

    public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);
}
