using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Workers.Tests.Integrations.Support;

/// <summary>
/// The sandbox in-process on real Kestrel at a free loopback port (as tests/Sandbox.Tests does):
/// Stripe.net and the SendGrid client only take a base URL, so they need a real socket.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly Factory _factory;

    private SandboxServer(Factory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A plain client for the /sandbox records and switches.</summary>
    public HttpClient Http { get; }

    public static SandboxServer Start()
    {
        var factory = new Factory(new Dictionary<string, string?>
        {
            // No parcel moves during these specs, so no webhook goes looking for an Api.
            ["Sandbox:Warehouse:DispatchAfter"] = "01:00:00",
            ["Sandbox:Warehouse:DeliverAfter"] = "01:00:00",
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxServer(factory, new Uri(address));
    }

    public async Task SetFaultAsync(string target, object fault)
    {
        using var response = await Http.PutAsJsonAsync(new Uri($"/sandbox/faults/{target}", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync(new Uri("/sandbox/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public async Task<T> GetAsync<T>(string pathAndQuery) =>
        await Http.GetFromJsonAsync<T>(new Uri(pathAndQuery, UriKind.Relative))
        ?? throw new InvalidOperationException($"{pathAndQuery} answered null");

    public Task<IReadOnlyList<PaymentIntentRecord>> PaymentIntentsAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<PaymentIntentRecord>>($"/sandbox/stripe/payment-intents?orderId={orderId:D}");

    public Task<IReadOnlyList<RefundRecord>> RefundsAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<RefundRecord>>($"/sandbox/stripe/refunds?orderId={orderId:D}");

    public Task<IReadOnlyList<MailRecord>> MailAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<MailRecord>>($"/sandbox/mail?orderId={orderId:D}");

    public Task<IReadOnlyList<FulfillmentRecord>> FulfillmentsAsync(Guid orderId) =>
        GetAsync<IReadOnlyList<FulfillmentRecord>>($"/sandbox/warehouse/fulfillments?orderId={orderId:D}");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Sandbox.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
                settings.Append(new("Logging:LogLevel:Default", "Warning"))));
        }
    }
}
