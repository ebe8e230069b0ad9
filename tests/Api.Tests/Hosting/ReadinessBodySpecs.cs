using System.Globalization;
using System.Net;
using System.Text.Json;
using Commerce.LocalSystem;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// <c>/health/ready</c> is anonymous: it names each dependency and its status, and leaves why a
/// connection failed (hosts, ports, driver messages) to the logs.
/// </summary>
[TestFixture]
public sealed class ReadinessBodySpecs
{
    [Test]
    public async Task An_unreachable_Redis_is_named_without_the_exception_text()
    {
        var port = FreePort.Next();
        await using var database = await ThrowawayDatabase.CreateAsync("readiness");
        var settings = new Dictionary<string, string>(LocalServices.Current.HostSettings(database.ConnectionString))
        {
            ["Redis:Configuration"] = $"127.0.0.1:{port},connectRetry=0",
        };
        await using var host = new HostFactory<Program>(settings);
        using var client = host.CreateClient();

        await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        using var json = JsonDocument.Parse(body);
        var unhealthy = json.RootElement.GetProperty("checks").EnumerateObject()
            .Where(c => c.Value.GetProperty("status").GetString() == "Unhealthy").Select(c => c.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unhealthy, Does.Contain("redis"), body);
            Assert.That(body, Does.Not.Contain("127.0.0.1").And.Not.Contain(port.ToString(CultureInfo.InvariantCulture)), "the server's address");
            Assert.That(body, Does.Not.Contain("UnableToConnect").And.Not.Contain("timed out"), "the client's message");
        });
    }
}
