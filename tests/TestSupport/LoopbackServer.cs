using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.TestSupport;

/// <summary>
/// Real Kestrel on a free 127.0.0.1 port that counts every request and answers each one the same
/// way: as a canary (SSRF, reliability plan S8) it must see none, as a hostile provider it answers
/// with a redirect elsewhere, as a scripted service (Elasticsearch) it answers what a test gives it.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StrongBox<int> _hits;

    private LoopbackServer(WebApplication app, StrongBox<int> hits, Uri address)
    {
        _app = app;
        _hits = hits;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Requests that reached this server, whatever their path or method.</summary>
    public int Hits => Volatile.Read(ref _hits.Value);

    /// <summary>Answers 200 to everything: whatever reaches it got through.</summary>
    public static Task<LoopbackServer> CanaryAsync() => StartAsync(context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return Task.CompletedTask;
    });

    /// <summary>Answers every request with a 307 (method and body kept) to <paramref name="target"/>'s same path.</summary>
    public static Task<LoopbackServer> RedirectingToAsync(Uri target) => StartAsync(context =>
    {
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = new Uri(target, context.Request.Path.Value).ToString();
        return Task.CompletedTask;
    });

    /// <summary>Answers every request with <paramref name="answer"/>: a stand-in for a service that tests script.</summary>
    public static Task<LoopbackServer> AnsweringAsync(RequestDelegate answer) => StartAsync(answer);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<LoopbackServer> StartAsync(RequestDelegate answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hits = new StrongBox<int>();
        app.Run(context =>
        {
            Interlocked.Increment(ref hits.Value);
            return answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackServer(app, hits, new Uri(address));
    }
}
