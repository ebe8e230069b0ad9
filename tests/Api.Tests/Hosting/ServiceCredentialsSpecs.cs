using System.Security.Cryptography;
using Commerce.LocalSystem;
using Commerce.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// The local services' passwords are committed (local.env, init.sql, definitions.json), so outside
/// Development a host refuses them as it refuses the committed keys (issue 15 item 1, ADR 0030):
/// a deployment that kept them would let anyone with the repository into its database and broker.
/// </summary>
[TestFixture]
public sealed class ServiceCredentialsSpecs
{
    private static readonly string RandomPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    [TestCase("Production", "Postgres:ConnectionString", "Host=db;Database=commerce;Username=commerce;Password=commerce", "Password=commerce")]
    [TestCase("Staging", "Postgres:ConnectionString", "Host=db;Database=commerce;Username=commerce;PWD=commerce", "PWD=commerce")]
    [TestCase("Production", "RabbitMq:Password", "commerce", "commerce")]
    [TestCase("Staging", "RabbitMq:ManagementPassword", "commerce-ops", "commerce-ops")]
    public void Outside_Development_a_committed_service_password_is_refused_without_printing_it(string environment, string setting, string value, string secret)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Credentials(environment, (setting, value)));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain(setting).And.Contain("committed"));
            Assert.That(e.Message, Does.Not.Contain(secret));
        });
    }

    [Test]
    public void In_Development_the_committed_service_passwords_are_the_local_services_ones()
    {
        var credentials = Credentials(
            "Development",
            ("Postgres:ConnectionString", LocalServices.FromEnvironment().PostgresConnectionString),
            ("RabbitMq:Password", DevelopmentSecrets.LocalServicesPassword),
            ("RabbitMq:ManagementPassword", DevelopmentSecrets.LocalOperationsPassword));

        Assert.That(credentials.RabbitMqManagementPassword, Is.EqualTo(DevelopmentSecrets.LocalOperationsPassword));
    }

    [Test]
    public void Outside_Development_passwords_of_its_own_are_accepted()
    {
        var credentials = Credentials(
            "Production",
            ("Postgres:ConnectionString", $"Host=db;Database=commerce;Username=commerce;Password={RandomPassword}"),
            ("RabbitMq:Password", RandomPassword));

        Assert.That(credentials.PostgresPassword, Is.EqualTo(RandomPassword));
    }

    /// <summary>The real process, as an operator who kept the committed connection string meets it.</summary>
    [Test]
    public async Task The_committed_database_password_stops_the_Api_in_Production()
    {
        var outcome = await ApiStartup.RunToExitAsync(
            ("Jwt__Issuer", "issuer"),
            ("Jwt__Audience", "audience"),
            ("Jwt__SigningKey", ApiStartup.NewSigningKey()),
            ("Warehouse__WebhookSecrets__0", new string('w', 32)),
            ("Postgres__ConnectionString", $"Host=localhost;Database=commerce;Username=commerce;Password={DevelopmentSecrets.LocalServicesPassword}"));

        ApiStartup.AssertStoppedNaming(outcome, "Postgres:ConnectionString");
    }

    private static ServiceCredentials Credentials(string environment, params (string Setting, string Value)[] settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Setting, (string?)s.Value)));
        builder.Services.RefuseCommittedServiceCredentials();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ServiceCredentials>>().Value;
    }
}
