using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// The Api's fallback policy (docs/adr/0033): a route that says nothing about authorization is
/// closed to anonymous callers, the routes meant to be anonymous say so and stay open, and a path
/// that matches no route is still a problem+json 404 for everyone.
/// </summary>
[TestFixture]
public sealed class AuthenticatedByDefaultSpecs
{
    /// <summary>Mapped by this suite only, with no authorization metadata at all: what a new route looks like when its author forgets.</summary>
    private const string UnmarkedRoute = "/api/v1/test-only/unmarked";

    private ReadyApi _api = null!;

    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = await ReadyApi.StartAsync(
            "api_fallback",
            configure: b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, UnmarkedRouteFilter>()));
        _client = _api.Client;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [Test]
    public async Task A_route_without_authorization_metadata_is_401_to_an_anonymous_caller()
    {
        using var response = await _client.GetAsync(new Uri(UnmarkedRoute, UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        });
    }

    [Test]
    public async Task The_same_route_answers_a_logged_in_caller()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(UnmarkedRoute, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync());
        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/api/v0/products")]
    [TestCase("/api/v0")]
    [TestCase("/api/v1/no-such-route")]
    [TestCase("/no-such-file.txt")]
    public async Task A_path_that_matches_no_route_is_a_problem_404_for_an_anonymous_caller(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }

    /// <summary>
    /// Each route meant to be anonymous, with what it answers a caller without a token. None may be
    /// the authorization middleware's challenge (401 with <c>WWW-Authenticate: Bearer</c>); the
    /// webhook's own 401 for a missing signature is not one.
    /// </summary>
    [TestCase("GET", "/health/live", null, HttpStatusCode.OK)]
    [TestCase("GET", "/health/ready", null, HttpStatusCode.OK)]
    [TestCase("GET", "/metrics", null, HttpStatusCode.OK)]
    [TestCase("GET", "/openapi/v1.json", null, HttpStatusCode.OK)]
    [TestCase("GET", "/scalar/", null, HttpStatusCode.OK)]
    [TestCase("GET", "/api/v1/", null, HttpStatusCode.OK)]
    [TestCase("GET", "/api/v1/products", null, HttpStatusCode.OK)]
    [TestCase("GET", "/api/v1/products/00000000-0000-0000-0000-000000000001", null, HttpStatusCode.NotFound)]
    [TestCase("POST", "/api/v1/auth/register", "{}", HttpStatusCode.BadRequest)]
    [TestCase("POST", "/api/v1/auth/login", "{}", HttpStatusCode.BadRequest)]
    [TestCase("POST", "/api/v1/auth/refresh", "{}", HttpStatusCode.BadRequest)]
    [TestCase("POST", "/api/v1/auth/logout", "{}", HttpStatusCode.BadRequest)]
    [TestCase("POST", "/api/v1/webhooks/warehouse", "{}", HttpStatusCode.Unauthorized)]
    public async Task An_anonymous_route_still_answers_an_anonymous_caller(string method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), path);
            Assert.That(response.Headers.WwwAuthenticate, Is.Empty, path);
        });
    }

    private async Task<string> AccessTokenAsync()
    {
        var email = $"fallback-{Guid.NewGuid():N}@example.com";
        const string password = "a-long-enough-password-1";
        using (var registered = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { email, password, fullName = "Fallback Spec" }))
        {
            registered.EnsureSuccessStatusCode();
        }

        using var login = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password });
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return token.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Maps <see cref="UnmarkedRoute"/> on the Api's own route table once the Api has built its
    /// pipeline, before it serves a request. A minimal-API host hands its route table to the outer
    /// pipeline only as this property (set by ASP.NET Core's <c>UseRouting</c>).
    /// </summary>
    private sealed class UnmarkedRouteFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            var routes = app.Properties.TryGetValue("__EndpointRouteBuilder", out var value) && value is IEndpointRouteBuilder builder
                ? builder
                : throw new InvalidOperationException("the host offers no route table to map the test route on");
            routes.MapGet(UnmarkedRoute, () => "open");
        };
    }
}
