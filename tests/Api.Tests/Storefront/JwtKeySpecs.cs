using Commerce.LocalSystem;

namespace Commerce.Api.Tests.Storefront;

/// <summary>A signing key under 256 bits stops the real Api at start, with the repository's one-line configuration error.</summary>
[TestFixture]
public sealed class JwtKeySpecs
{
    [Test]
    public async Task A_jwt_key_under_32_bytes_stops_the_Api_with_exit_code_78()
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
            ["Jwt__Issuer"] = "issuer",
            ["Jwt__Audience"] = "audience",
            ["Jwt__SigningKey"] = new string('k', 31),
        };

        var outcome = await HostProcess.RunToExitAsync("Commerce.Api", environment, TimeSpan.FromSeconds(60));

        var lines = outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(78), outcome.StandardError);
            Assert.That(lines, Has.Length.EqualTo(1), outcome.StandardError);
            Assert.That(outcome.StandardError, Does.StartWith("Commerce.Api: configuration error:").And.Contain("Jwt:SigningKey"));
        });
    }
}
