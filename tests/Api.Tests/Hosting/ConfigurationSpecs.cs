using Commerce.LocalSystem;


namespace Commerce.Api.Tests.Hosting;

/// <summary>A missing or bad setting stops the real process with one line naming it.</summary>
[TestFixture]
public sealed class ConfigurationSpecs
{
    // Production: appsettings.Development.json's local defaults must not fill the gap.
    private static Dictionary<string, string?> ProductionWith(params (string Name, string? Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Postgres__ConnectionString"] = LocalServices.Current.PostgresConnectionString,
            ["Redis__Configuration"] = LocalServices.Current.RedisConfiguration,
            ["RabbitMq__Host"] = LocalServices.Current.RabbitMqHost,
            ["RabbitMq__VirtualHost"] = LocalServices.Current.RabbitMqVirtualHost,
            ["RabbitMq__Username"] = LocalServices.Current.RabbitMqUsername,
            ["RabbitMq__Password"] = LocalServices.Current.RabbitMqPassword,
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }

    [TestCase("Postgres__ConnectionString", null, "ConnectionString")]
    [TestCase("Postgres__ConnectionString", "Host=localhost;Bogus Key=1", "Postgres:ConnectionString")]
    [TestCase("RabbitMq__Port", "0", "Port")]
    [TestCase("Redis__Configuration", null, "Configuration")]
    [TestCase("StuckOrders__Threshold", "00:00:00", "Threshold")]
    public async Task A_bad_setting_stops_the_Api_with_a_one_line_reason(string name, string? value, string named)
    {
        var outcome = await HostProcess.RunToExitAsync("Commerce.Api", ProductionWith((name, value)), TimeSpan.FromSeconds(60));

        var lines = outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(78), outcome.StandardError);
            Assert.That(lines, Has.Length.EqualTo(1), outcome.StandardError);
            Assert.That(outcome.StandardError, Does.StartWith("Commerce.Api: configuration error:").And.Contain(named));
        });
    }
}
