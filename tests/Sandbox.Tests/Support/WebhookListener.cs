using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Sandbox.Tests.Support;

/// <summary>One webhook request as it arrived: the raw body (what the signature covers) and how it was answered.</summary>
public sealed record ReceivedWebhook(string? Signature, string Body, int AnsweredWith);

/// <summary>
/// Stands where the Api's webhook endpoint would: a real HTTP server on a free loopback port that
/// records every request, and can answer 503 for a while to play an Api that is down.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    public const string Path = "/api/v1/webhooks/warehouse";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _failuresLeft;

    private WebhookListener(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookListener? listener = null;
        app.MapPost(Path, async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Decrement(ref listener!._failuresLeft) >= 0 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            listener._received.Enqueue(new ReceivedWebhook(request.Headers["Warehouse-Signature"].FirstOrDefault(), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener = new WebhookListener(app, new Uri(new Uri(address), Path));
        return listener;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with 503.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <summary>
    /// Checks a <c>Warehouse-Signature</c> as the Api must: <c>t=…,v1=…</c>, HMAC-SHA256 of
    /// <c>"{t}.{raw body}"</c> with the shared secret, compared in constant time, within 300 s.
    /// </summary>
    public static bool HasValidSignature(ReceivedWebhook webhook, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var parts = (webhook.Signature ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{webhook.Body}"));
        return v1.Length == expected.Length * 2 && v1.All(Uri.IsHexDigit) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(v1), expected);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
