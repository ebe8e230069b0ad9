using Commerce.LocalSystem;
using Commerce.Workers.Payments;
using Commerce.Workers.Tests.Integrations.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>
/// Issue 15 items 1 and 5 for the Workers (ADR 0030): outside Development no provider key may be one
/// committed to the repository, and in Production every provider is reached over https.
/// </summary>
[TestFixture]
public sealed class ProductionSettingsSpecs
{
    private static readonly Uri Sandbox = new("http://localhost:9090");

    /// <summary>What src/Workers/appsettings.Development.json commits, which anyone with the repository can read.</summary>
    private static readonly IConfiguration CommittedDevelopment = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "Workers", "appsettings.Development.json"))
        .Build();

    [TestCase("Stripe:ApiKey", "Stripe:ApiKey")]
    [TestCase("SendGrid:ApiKey", "SendGrid:ApiKey")]
    [TestCase("Warehouse:ApiKey", "SendGrid:ApiKey")]
    public void Outside_Development_a_committed_key_is_refused_without_printing_it(string setting, string committedSetting)
    {
        var committed = CommittedDevelopment[committedSetting]!;
        var settings = IntegrationServices.SandboxSettings(Sandbox, new Dictionary<string, string?> { [setting] = committed });

        var e = Assert.Throws<OptionsValidationException>(() => IntegrationServices.Create(settings, environment: "Staging"));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain(setting).And.Contain("committed"));
            Assert.That(e.Message, Does.Not.Contain(committed));
            Assert.That(e.Failures.Count(), Is.EqualTo(1), "reported once");
        });
    }

    [TestCase("Stripe:ApiBase")]
    [TestCase("SendGrid:Host")]
    [TestCase("Warehouse:BaseUrl")]
    public void In_Production_a_provider_over_plain_http_is_refused(string setting)
    {
        var settings = IntegrationServices.SandboxSettings(Sandbox, new Dictionary<string, string?>
        {
            ["Stripe:ApiBase"] = "https://api.stripe.com",
            ["SendGrid:Host"] = "https://api.sendgrid.com",
            ["Warehouse:BaseUrl"] = "https://warehouse.example",
            [setting] = "http://provider.example",
        });

        var e = Assert.Throws<OptionsValidationException>(() => IntegrationServices.Create(settings, environment: "Production"));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain(setting).And.Contain("https"));
            Assert.That(e.Failures.Count(), Is.EqualTo(1), "reported once");
        });
    }

    [Test]
    public async Task Outside_Production_the_sandbox_over_http_is_allowed()
    {
        await using var services = IntegrationServices.Create(IntegrationServices.SandboxSettings(Sandbox), environment: "Staging");

        Assert.That(services.Get<IOptions<StripeOptions>>().Value.ApiBase.Scheme, Is.EqualTo(Uri.UriSchemeHttp));
    }
}
