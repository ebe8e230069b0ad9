using System.Net;
using System.Text.Json;
using Commerce.LocalSystem;

namespace Commerce.Workers.Tests.Hosting;

[TestFixture]
public sealed class HostingSpecs
{
    [Test]
    public async Task Ready_reports_PostgreSQL_and_the_bus_and_metrics_are_served()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("workers_hosting");
        await using var host = new HostFactory<Program>(LocalServices.Current.HostSettings(database.ConnectionString));
        using var client = host.CreateClient();

        await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        using var ready = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));
        var checks = ready.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        // The stuck-order gauge appears once the Workers counted them (right after start).
        var metrics = string.Empty;
        await Poll.UntilAsync(
            async () => (metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Contains("commerce_orders_stuck", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "commerce_orders_stuck on /metrics");
        Assert.Multiple(() =>
        {
            Assert.That(checks, Is.SupersetOf(new[] { "postgres", "masstransit-bus" }));
            Assert.That(checks, Does.Not.Contain("redis"), "the Workers do not use Redis");
            Assert.That(metrics, Does.Contain("# TYPE"));
        });
    }
}
