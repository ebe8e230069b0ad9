using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Commerce.LocalSystem;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// What the Api shows in Production (reliability plan S14): a failure answers a plain 500 without
/// stack trace or exception text, there is no contract document or interactive page, and no
/// version but v1 answers. Secrets are random, as a production deployment supplies them.
/// </summary>
[TestFixture]
public sealed class ProductionSpecs
{
    private ThrowawayDatabase _database = null!;
    private RunCredentials _credentials = null!;
    private HostFactory<Program> _host = null!;
    private WebApplicationFactory<Program> _production = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ThrowawayDatabase.CreateAsync("api_production");
        // Production refuses the committed local passwords.
        _credentials = await RunCredentials.CreateAsync(_database.Name, LocalServices.Current.RabbitMqVirtualHost, CancellationToken.None);
        var settings = new Dictionary<string, string>(LocalServices.Current.HostSettings(_database.ConnectionString, credentials: _credentials))
        {
            ["Jwt:Issuer"] = "commerce-production-test",
            ["Jwt:Audience"] = "commerce-production-test-clients",
            ["Jwt:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Warehouse:WebhookSecrets:0"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            // The failure below is expected; its error log would only crowd the test output.
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
        };
        _host = new HostFactory<Program>(settings);
        _production = _host.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .ConfigureServices(services => services.AddTransient<IStartupFilter, FailingRoute>()));
        _client = _production.CreateClient();
        await HealthProbe.WaitForReadyStatusAsync(_client, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _production.DisposeAsync();
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        await _credentials.DisposeAsync();
    }

    [Test]
    public async Task An_unhandled_exception_is_a_500_problem_without_stack_trace_or_exception_text()
    {
        // Signed in, so an authenticate-by-default policy cannot answer before the failure.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FailingRoute.Path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync());

        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
            Assert.That(body, Does.Not.Contain(FailingRoute.Secret));
            Assert.That(body, Does.Not.Contain("InvalidOperationException"));
            Assert.That(body, Does.Not.Contain(nameof(FailingRoute)), "no stack frame");
            Assert.That(body, Does.Not.Contain("stack").IgnoreCase);
        });
        using var problem = JsonDocument.Parse(body);
        Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(500));
    }

    [TestCase("/openapi/v1.json")]
    [TestCase("/scalar")]
    [TestCase("/scalar/")]
    public async Task The_contract_document_and_the_interactive_page_are_not_served(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("/api/v0/")]
    [TestCase("/api/v0/products")]
    [TestCase("/api/v0/orders")]
    public async Task A_path_of_another_api_version_is_404_with_or_without_a_token(string path)
    {
        using var anonymous = await _client.GetAsync(new Uri(path, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync());
        using var signedIn = await _client.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "anonymous");
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "signed in");
        });
    }

    private async Task<string> AccessTokenAsync()
    {
        var credentials = new { email = $"prod-{Guid.NewGuid():N}@example.com", password = "Correct-Horse-42" };
        using var registered = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { credentials.email, credentials.password, fullName = "Prod User" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), await registered.Content.ReadAsStringAsync());
        using var login = await _client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), credentials);
        var tokens = await login.Content.ReadFromJsonAsync<JsonElement>();
        return tokens.GetProperty("accessToken").GetString()!;
    }
}
