using Commerce.Workers.Fulfillment;
using Commerce.Workers.Integrations;
using Commerce.Workers.Notifications;
using Commerce.Workers.Tests.Integrations.Support;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>
/// SSRF (reliability plan S8) for the SendGrid and warehouse clients: a request to any host but the
/// configured one is refused before it leaves, and a provider's redirect is not followed. A canary on
/// 127.0.0.1 (another port than the configured provider's) must see no request.
/// </summary>
[TestFixture]
public sealed class OutboundHostSpecs : IntegrationFixture
{
    private LoopbackServer _canary = null!;

    [OneTimeSetUp]
    public async Task StartCanary() => _canary = await LoopbackServer.CanaryAsync();

    [OneTimeTearDown]
    public async Task StopCanary() => await _canary.DisposeAsync();

    [TestCase(SendGridEmailSender.HttpClientName)]
    [TestCase(nameof(IWarehouseClient))]
    public async Task A_client_refuses_any_host_but_its_configured_one_before_the_request_leaves(string client)
    {
        await using var services = Services();
        using var http = services.Get<IHttpClientFactory>().CreateClient(client);
        var hitsBefore = _canary.Hits;

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<DisallowedHostException>(() => http.GetAsync(new Uri(_canary.Address, "latest/meta-data/")), "the canary");
            Assert.ThrowsAsync<DisallowedHostException>(() => http.GetAsync(new Uri("http://169.254.169.254/latest/meta-data/")), "the metadata service");
            Assert.ThrowsAsync<DisallowedHostException>(() => http.GetAsync(new Uri("http://127.0.0.1:15672/api/users")), "the broker's management API");
            Assert.That(_canary.Hits, Is.EqualTo(hitsBefore));
        });
    }

    [Test]
    public async Task SendGrid_answering_with_a_redirect_is_not_followed()
    {
        await using var provider = await LoopbackServer.RedirectingToAsync(_canary.Address);
        await using var services = Services(new() { ["SendGrid:Host"] = provider.Address.GetLeftPart(UriPartial.Authority) });
        var orderId = Guid.NewGuid();
        var email = new OrderEmail(orderId, "CM-100000001", "confirmed", $"{orderId:D}:confirmed", "customer@example.com", "Your order", "<p>Thanks</p>", "Thanks");
        var hitsBefore = _canary.Hits;

        Assert.ThrowsAsync<EmailProviderUnavailableException>(() => services.Get<IEmailSender>().SendAsync(email, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(provider.Hits, Is.GreaterThanOrEqualTo(1), "the configured host was asked");
            Assert.That(_canary.Hits, Is.EqualTo(hitsBefore), "the redirect was followed");
        });
    }

    [Test]
    public async Task The_warehouse_answering_with_a_redirect_is_not_followed()
    {
        await using var provider = await LoopbackServer.RedirectingToAsync(_canary.Address);
        await using var services = Services(new() { ["Warehouse:BaseUrl"] = provider.Address.GetLeftPart(UriPartial.Authority) });
        var orderId = Guid.NewGuid();
        var request = new FulfillmentRequest(
            orderId, $"{orderId:D}:fulfil", [new FulfillmentLine("SKU-TEAPOT", 1)], new ShippingAddress("Ada Lovelace", "1 Loop Road", null, "London", "N1 1AA", "GB"));
        var hitsBefore = _canary.Hits;

        Assert.ThrowsAsync<WarehouseRejectedException>(() => services.Get<IWarehouseClient>().RequestFulfillmentAsync(request, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(provider.Hits, Is.GreaterThanOrEqualTo(1), "the configured host was asked");
            Assert.That(_canary.Hits, Is.EqualTo(hitsBefore), "the redirect was followed");
        });
    }
}
