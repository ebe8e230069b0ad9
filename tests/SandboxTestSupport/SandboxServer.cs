using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.SandboxTestSupport;

/// <summary>
/// The sandbox in-process on real Kestrel at a free loopback port: Stripe.net and the SendGrid
/// client only take a base URL, so they need a real socket (the factory's in-memory TestServer
/// would not do). Its switches and records are those of <see cref="SandboxClient"/>.
/// </summary>
public sealed class SandboxServer : SandboxClient
{
    /// <summary>
    /// Unless the settings say otherwise, no parcel moves: the sandbox's default webhook URL is the
    /// local Api's (localhost:8080), which a test must not call.
    /// </summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Sandbox:Warehouse:DispatchAfter"] = "01:00:00",
        ["Sandbox:Warehouse:DeliverAfter"] = "01:00:00",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private readonly Factory _factory;

    private SandboxServer(Factory factory, Uri baseAddress)
        : base(baseAddress) => _factory = factory;

    /// <summary>Starts the sandbox; <paramref name="settings"/> win over <see cref="Defaults"/>.</summary>
    public static SandboxServer Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(Defaults);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new Factory(all);
        // Kestrel without a port of the factory's: with one, the factory rewrites the server's
        // addresses after the app (a minimal-hosting Program) has started binding on its own
        // thread, and loses that race now and then ("Addresses cannot be modified after the server
        // has started", dotnet/aspnetcore#67714). The free port comes from the app's own URL setting.
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxServer(factory, new Uri(address));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Sandbox.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseUrls("http://127.0.0.1:0");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        }
    }
}
