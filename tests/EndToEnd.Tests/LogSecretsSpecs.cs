using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Commerce.EndToEnd.Tests.Support;
using Commerce.LocalSystem;
using Commerce.Persistence.Seeding;
using Microsoft.Extensions.Configuration;

namespace Commerce.EndToEnd.Tests;

/// <summary>
/// No secret in any log (issue 15 item 4, reliability plan S12): the whole system logging as in
/// production (Information, JSON lines with scopes) runs a login, a token refresh, a registration
/// and a checkout to Delivered with its emails and webhooks; then every host's whole output is
/// scanned (<see cref="SecretScan"/>).
/// </summary>
[TestFixture]
public sealed class LogSecretsSpecs
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _logs = Path.Combine(Path.GetTempPath(), $"commerce-e2e-logs-{Guid.NewGuid():N}");
    private RunningSystem _system = null!;

    [OneTimeSetUp]
    public async Task Start() => _system = await RunningSystem.StartAsync(productionLogsTo: _logs);

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _system.DisposeAsync();
        Directory.Delete(_logs, recursive: true);
    }

    [Test]
    public async Task A_checkout_to_delivery_writes_no_key_secret_token_or_password_to_any_hosts_log()
    {
        using var http = new HttpClient { BaseAddress = _system.Api, Timeout = Deadline };
        var login = await PostAsync(http, "api/v1/auth/login", new { email = DemoDataSeeder.CustomerEmail, password = DemoDataSeeder.CustomerPassword });
        var refreshed = await PostAsync(http, "api/v1/auth/refresh", new { refreshToken = Text(login, "refreshToken") });
        var accessToken = Text(refreshed, "accessToken");
        using var stranger = await ShopperClient.RegisterAsync(_system.SecondApi);
        using var shopper = await ShopperClient.LogInAsync(_system.Api, DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        await using var sandbox = new SandboxClient(_system.Sandbox);

        var orderId = await shopper.PlaceOrderAsync(await AnyProduct(http), 1);
        await shopper.WaitForStatusAsync(orderId, Deadline, "Delivered");
        await Poll.UntilAsync(async () => (await sandbox.MailAsync(orderId)).Count >= 3, Deadline, "the confirmed, shipped and delivered emails");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        (await http.GetAsync(new Uri($"api/v1/orders/{orderId}", UriKind.Relative))).EnsureSuccessStatusCode();
        await PostAsync(http, "api/v1/auth/logout", new { refreshToken = Text(refreshed, "refreshToken") }, expectBody: false);

        var logs = Directory.EnumerateFiles(_logs, "*.log").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        (string Kind, string Value)[] used =
        [
            ("the customer's password", DemoDataSeeder.CustomerPassword),
            ("a registered shopper's password", ShopperClient.RegisteredPassword),
            ("an access token", Text(login, "accessToken")),
            ("an access token", accessToken),
            ("a refresh token", Text(login, "refreshToken")),
            ("a refresh token", Text(refreshed, "refreshToken")),
            .. ConfiguredSecrets(),
        ];
        var findings = SecretScan.Find(logs, used);
        Assert.Multiple(() =>
        {
            Assert.That(logs.Keys, Is.SupersetOf(new[] { "api-1.log", "api-2.log", "workers-1.log", "sandbox.log" }));
            Assert.That(logs["workers-1.log"], Does.Contain("\"LogLevel\":\"Information\""), "the Workers log at Information, as in production");
            Assert.That(findings, Is.Empty, string.Join('\n', findings.Take(20)));
        });
    }

    /// <summary>The keys and secrets the hosts ran with: their committed Development settings.</summary>
    private static IEnumerable<(string Kind, string Value)> ConfiguredSecrets()
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "Api", "appsettings.Development.json"))
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "Workers", "appsettings.Development.json"))
            .Build();
        string[] secrets = ["Jwt:SigningKey", "Warehouse:WebhookSecrets:0", "Stripe:ApiKey", "SendGrid:ApiKey"];
        return secrets.Select(key => (key, settings[key] ?? throw new InvalidOperationException($"{key} is not in the Development settings")));
    }

    private static async Task<Guid> AnyProduct(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<JsonObject>("api/v1/products?pageSize=1");
        return page!["items"]![0]!["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body, bool expectBody = true)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return expectBody ? (await response.Content.ReadFromJsonAsync<JsonObject>())! : [];
    }

    private static string Text(JsonObject body, string property) => body[property]!.GetValue<string>();
}
