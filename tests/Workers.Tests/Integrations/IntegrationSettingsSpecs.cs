using Commerce.LocalSystem;
using Commerce.Workers.Fulfillment;
using Commerce.Workers.Notifications;
using Commerce.Workers.Payments;
using Commerce.Workers.Tests.Integrations.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>Issue 5's configuration rule: without real keys (Development) the sandbox; with keys, the real services.</summary>
[TestFixture]
public sealed class IntegrationSettingsSpecs
{
    [Test]
    public async Task The_committed_Development_settings_point_every_integration_at_the_sandbox_and_pass_validation()
    {
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "Workers", "appsettings.json"))
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "Workers", "appsettings.Development.json"))
            .Build();
        var settings = development.AsEnumerable().ToDictionary(s => s.Key, s => s.Value);

        await using var services = IntegrationServices.Create(settings, environment: "Development");

        var stripe = services.Get<IOptions<StripeOptions>>().Value;
        var sendGrid = services.Get<IOptions<SendGridOptions>>().Value;
        var warehouse = services.Get<IOptions<WarehouseOptions>>().Value;
        var sandbox = new Uri("http://localhost:9090");
        Assert.Multiple(() =>
        {
            Assert.That(stripe.ApiBase, Is.EqualTo(sandbox));
            Assert.That(sendGrid.Host, Is.EqualTo(sandbox));
            Assert.That(warehouse.BaseUrl, Is.EqualTo(sandbox));
            Assert.That(stripe.ApiKey, Does.StartWith("rk_test_"), "a key the sandbox accepts and the secret scan allows");
            Assert.That(services.Get<IPaymentGateway>(), Is.TypeOf<StripePaymentGateway>());
            Assert.That(services.Get<IEmailSender>(), Is.TypeOf<SendGridEmailSender>());
            Assert.That(services.Get<IWarehouseClient>(), Is.TypeOf<WarehouseClient>());
        });
    }

    [Test]
    public async Task With_only_keys_set_the_real_Stripe_and_SendGrid_are_used()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stripe:ApiKey"] = "rk_test_from_the_environment",
            ["SendGrid:ApiKey"] = "from-the-environment",
            ["SendGrid:FromEmail"] = "orders@shop.example",
            // The warehouse has no public default; Production requires https for it too.
            ["Warehouse:BaseUrl"] = "https://warehouse.example",
        };

        await using var services = IntegrationServices.Create(settings, environment: "Production");

        Assert.Multiple(() =>
        {
            Assert.That(services.Get<IOptions<StripeOptions>>().Value.ApiBase, Is.EqualTo(new Uri("https://api.stripe.com")));
            Assert.That(services.Get<IOptions<SendGridOptions>>().Value.Host, Is.EqualTo(new Uri("https://api.sendgrid.com")));
        });
    }

    [TestCase("SendGrid:ApiKey", null, "SendGrid:ApiKey")]
    [TestCase("SendGrid:FromEmail", "not-an-address", "SendGrid:FromEmail")]
    [TestCase("Stripe:ApiBase", "https://api.stripe.com/v1", "Stripe:ApiBase")]
    [TestCase("Stripe:Resilience:MaxRetryAttempts", "50", "Stripe:Resilience:")]
    [TestCase("Warehouse:BaseUrl", "ftp://warehouse", "Warehouse:BaseUrl")]
    [TestCase("Warehouse:Resilience:TotalRequestTimeout", "00:00:00.100", "Warehouse:Resilience:TotalRequestTimeout")]
    public void A_bad_setting_stops_the_start_naming_it(string key, string? value, string named)
    {
        var settings = IntegrationServices.SandboxSettings(new Uri("http://localhost:9090"), new Dictionary<string, string?> { [key] = value });

        var e = Assert.Throws<OptionsValidationException>(() => IntegrationServices.Create(settings));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain(named));
            Assert.That(e.Failures.Count(), Is.EqualTo(1), "reported once");
        });
    }

    [Test]
    public async Task Outbound_clients_never_follow_redirects()
    {
        await using var services = IntegrationServices.Create(IntegrationServices.SandboxSettings(new Uri("http://localhost:9090")));
        var handlers = services.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        foreach (var name in new[] { StripePaymentGateway.HttpClientName, SendGridEmailSender.HttpClientName, nameof(IWarehouseClient) })
        {
            var handler = handlers.CreateHandler(name);
            while (handler is DelegatingHandler { InnerHandler: { } inner })
            {
                handler = inner;
            }

            Assert.That(handler, Is.TypeOf<SocketsHttpHandler>().With.Property(nameof(SocketsHttpHandler.AllowAutoRedirect)).False, name);
        }
    }
}
