namespace Commerce.Api.Tests.Hosting;

/// <summary>A missing or bad setting stops the real process with one line naming it.</summary>
[TestFixture]
public sealed class ConfigurationSpecs
{
    [TestCase("Postgres__ConnectionString", null, "ConnectionString")]
    [TestCase("Postgres__ConnectionString", "Host=localhost;Bogus Key=1", "Postgres:ConnectionString")]
    [TestCase("RabbitMq__Port", "0", "Port")]
    [TestCase("Redis__Configuration", null, "Configuration")]
    [TestCase("StuckOrders__Threshold", "00:00:00", "Threshold")]
    [TestCase("RabbitMq__ManagementUsername", null, "RabbitMq:ManagementUsername")]
    [TestCase("RabbitMq__ManagementPassword", null, "RabbitMq:ManagementPassword")]
    [TestCase("Gateway__KnownProxies__0", "proxy.example.com", "Gateway:KnownProxies")]
    [TestCase("Gateway__KnownNetworks__0", "10.0.0.0", "Gateway:KnownNetworks")]
    [TestCase("Gateway__LoginBackoff", "00:30:00", "Gateway:LoginBackoff")]
    public async Task A_bad_setting_stops_the_Api_with_a_one_line_reason(string name, string? value, string named)
    {
        var outcome = await ApiStartup.RunToExitAsync((name, value));

        ApiStartup.AssertStoppedNaming(outcome, named);
    }

    [Test]
    public async Task The_operations_user_must_not_be_the_hosts_broker_user()
    {
        var outcome = await ApiStartup.RunToExitAsync(("RabbitMq__Username", "one-user"), ("RabbitMq__ManagementUsername", "one-user"));

        ApiStartup.AssertStoppedNaming(outcome, "RabbitMq:ManagementUsername");
    }
}
