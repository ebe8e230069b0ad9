using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SendGrid;
using Stripe;

namespace Commerce.Sandbox.Tests.Support;

/// <summary>
/// The sandbox in-process on real Kestrel at a free loopback port: Stripe.net and the SendGrid
/// client only take a base URL, so they need a real socket (the factory's in-memory TestServer
/// would not do). Every client here is pointed at it the way the Workers will point theirs.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    /// <summary>A test-mode secret key as Stripe.net sends it; the sandbox accepts any such key.</summary>
    public const string StripeApiKey = "sk_test_sandbox";

    public const string SendGridApiKey = "SG.sandbox";

    private readonly Factory _factory;

    private SandboxServer(Factory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>A plain client for the /sandbox records and switches, and for requests the SDKs cannot make.</summary>
    public HttpClient Http { get; }

    private string Root => BaseAddress.ToString().TrimEnd('/');

    public static SandboxServer Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new Factory(settings ?? new Dictionary<string, string?>());
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxServer(factory, new Uri(address));
    }

    /// <summary>
    /// Stripe.net as the Workers configure it, with only the API base changed. Retries are off unless
    /// asked for, so a test sees each answer; Stripe.net's own retries (with its automatic idempotency
    /// key) are what some tests are about.
    /// </summary>
    public StripeClient Stripe(string apiKey = StripeApiKey, int maxNetworkRetries = 0) =>
        new(apiKey, httpClient: new SystemNetHttpClient(maxNetworkRetries: maxNetworkRetries), apiBase: Root);

    public SendGridClient SendGrid(string apiKey = SendGridApiKey) =>
        new(new SendGridClientOptions { ApiKey = apiKey, Host = Root });

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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
                settings.Append(new("Logging:LogLevel:Default", "Warning"))));
        }
    }
}
