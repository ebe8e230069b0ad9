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
            ["Postgres__ConnectionString"] = TestServices.PostgresConnectionString,
            ["Redis__Configuration"] = TestServices.RedisConfiguration,
            ["RabbitMq__Host"] = TestServices.RabbitMqHost,
            ["RabbitMq__VirtualHost"] = TestServices.RabbitMqVirtualHost,
            ["RabbitMq__Username"] = TestServices.RabbitMqUsername,
            ["RabbitMq__Password"] = TestServices.RabbitMqPassword,
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
