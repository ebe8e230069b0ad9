using System.Security.Cryptography;
using Commerce.Api.Auth;
using Commerce.Api.Ordering;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Tests.Hosting;

/// <summary>
/// The start-up rules for the Api's secrets, each on its own (issue 15 item 1, ADR 0030): the signing
/// key is base64 of at least 32 random bytes everywhere, and outside Development no secret may be
/// one committed to the repository. The options are registered as the host registers them.
/// </summary>
[TestFixture]
public sealed class SecretSettingsSpecs
{
    private static readonly string CommittedSigningKey = ApiStartup.CommittedDevelopmentSettings().GetProperty("Jwt").GetProperty("SigningKey").GetString()!;

    private static readonly string CommittedWebhookSecret = ApiStartup.CommittedDevelopmentSettings().GetProperty("Warehouse").GetProperty("WebhookSecrets")[0].GetString()!;

    private static readonly string RandomWebhookSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [TestCase("Production")]
    [TestCase("Staging")]
    public void Outside_Development_the_committed_signing_key_is_refused_without_printing_it(string environment)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Jwt(environment, CommittedSigningKey));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("Jwt:SigningKey").And.Contain("committed"));
            Assert.That(e.Message, Does.Not.Contain(CommittedSigningKey));
        });
    }

    [Test]
    public void In_Development_the_committed_signing_key_is_the_key() =>
        Assert.That(Jwt("Development", CommittedSigningKey).SigningKeyBytes(), Has.Length.EqualTo(32));

    [TestCase("Production")]
    [TestCase("Development")]
    public void Base64_of_32_random_bytes_is_a_signing_key_everywhere(string environment) =>
        Assert.That(Jwt(environment, ApiStartup.NewSigningKey()).SigningKeyBytes(), Has.Length.EqualTo(32));

    [TestCase("Correct-Horse-Battery-Staple-Correct-Horse-Battery", TestName = "a passphrase (not base64)")]
    [TestCase("development-only-signing-key-not-a-secret-0123456789", TestName = "the former committed passphrase")]
    [TestCase("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", TestName = "a repeated letter (base64 of 3 distinct bytes)")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", TestName = "zero bytes")]
    public void A_low_entropy_signing_key_is_refused_in_every_environment(string key)
    {
        foreach (var environment in new[] { "Production", "Development" })
        {
            var e = Assert.Throws<OptionsValidationException>(() => Jwt(environment, key), environment);
            Assert.That(e!.Message, Does.Contain("Jwt:SigningKey").And.Contain("base64"), environment);
        }
    }

    [Test]
    public void Base64_of_31_random_bytes_is_too_short()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Jwt("Production", Convert.ToBase64String(RandomNumberGenerator.GetBytes(31))));

        Assert.That(e!.Message, Does.Contain("Jwt:SigningKey"));
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Outside_Development_the_committed_webhook_secret_is_refused_in_either_rotation_slot(int slot)
    {
        string[] secrets = slot == 0 ? [CommittedWebhookSecret, RandomWebhookSecret] : [RandomWebhookSecret, CommittedWebhookSecret];

        var e = Assert.Throws<OptionsValidationException>(() => Webhook("Production", secrets));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain("Warehouse:WebhookSecrets"));
            Assert.That(e.Message, Does.Not.Contain(CommittedWebhookSecret));
        });
    }

    [Test]
    public void In_Development_the_committed_webhook_secret_is_accepted() =>
        Assert.That(Webhook("Development", [CommittedWebhookSecret]).WebhookSecrets, Is.EqualTo(new[] { CommittedWebhookSecret }));

    [Test]
    public void Outside_Development_a_secret_of_its_own_is_accepted() =>
        Assert.That(Webhook("Production", [RandomWebhookSecret]).WebhookSecrets, Has.Length.EqualTo(1));

    private static JwtOptions Jwt(string environment, string signingKey)
    {
        using var services = Services(environment, new Dictionary<string, string?>
        {
            ["Jwt:Issuer"] = "issuer",
            ["Jwt:Audience"] = "audience",
            ["Jwt:SigningKey"] = signingKey,
        });
        return services.GetRequiredService<IOptions<JwtOptions>>().Value;
    }

    private static WarehouseWebhookOptions Webhook(string environment, string[] secrets)
    {
        using var services = Services(environment, secrets.Select((secret, i) => KeyValuePair.Create($"Warehouse:WebhookSecrets:{i}", (string?)secret)));
        return services.GetRequiredService<IOptions<WarehouseWebhookOptions>>().Value;
    }

    private static ServiceProvider Services(string environment, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAuth();
        builder.AddOrdering();
        return builder.Services.BuildServiceProvider();
    }
}
