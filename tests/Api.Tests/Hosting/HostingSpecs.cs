using System.Net;
using System.Text.Json;

namespace Commerce.Api.Tests.Hosting;

/// <summary>The Api host against the real PostgreSQL, Redis and RabbitMQ.</summary>
[TestFixture]
public sealed class HostingSpecs
{
    private ReadyApi _api = null!;

    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = await ReadyApi.StartAsync("api_hosting");
        _client = _api.Client;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [Test]
    public async Task Ready_names_every_dependency_as_healthy()
    {
        using var response = await _client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var checks = body.RootElement.GetProperty("checks");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            foreach (var dependency in new[] { "postgres", "redis", "masstransit-bus" })
            {
                Assert.That(checks.GetProperty(dependency).GetProperty("status").GetString(), Is.EqualTo("Healthy"), dependency);
            }
        });
    }

    [Test]
    public async Task Live_answers_without_asking_dependencies()
    {
        using var response = await _client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_unknown_route_answers_problem_json()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/no-such-route", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(body.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(404));
            Assert.That(body.RootElement.GetProperty("title").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Metrics_are_served_as_prometheus_text_including_http_requests()
    {
        using (await _client.GetAsync(new Uri("/api/v1/", UriKind.Relative)))
        {
        }

        // The exporter caches a scrape briefly; poll until the request above shows up.
        string text = string.Empty;
        await Poll.UntilAsync(
            async () =>
            {
                text = await _client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                return text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(15),
            "HTTP request metrics on /metrics");

        Assert.That(text, Does.Contain("# TYPE"));
    }

    [Test]
    public async Task The_OpenAPI_document_describes_the_v1_routes()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Has.Some.StartsWith("/api/v1"));
    }

    [Test]
    public async Task The_interactive_API_page_is_served_in_development()
    {
        using var response = await _client.GetAsync(new Uri("/scalar/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("openapi/v1.json"));
    }
}
