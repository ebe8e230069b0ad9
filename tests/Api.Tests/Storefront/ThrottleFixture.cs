using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// An Api on a Redis of the suite's own, so its login and registration counters start at zero and
/// no other suite's attempts count against them; requests can come from any client address.
/// </summary>
public abstract class ThrottleFixture : StorefrontFixture
{
    private ThrowawayRedis _redis = null!;

    protected override string RedisConfiguration => _redis.Configuration;

    protected override async Task BeforeHostStartsAsync() => _redis = await ThrowawayRedis.StartAsync();

    protected override async Task AfterHostStoppedAsync() => await _redis.DisposeAsync();

    /// <summary>A client whose requests reach <paramref name="host"/> (the suite's Api by default) from <paramref name="address"/>.</summary>
    protected HttpClient ClientFrom(string address, WebApplicationFactory<Program>? host = null)
    {
        var server = (host ?? Host).Server;
        var peer = IPAddress.Parse(address);
        return new HttpClient(server.CreateHandler(context => context.Connection.RemoteIpAddress = peer)) { BaseAddress = server.BaseAddress };
    }

    /// <summary>A login sent from <paramref name="address"/>, optionally through a proxy that says it forwards <paramref name="forwardedFor"/>.</summary>
    protected async Task<HttpResponseMessage> LoginFromAsync(string address, string email, string password = "wrong-password", string? forwardedFor = null, WebApplicationFactory<Program>? host = null)
    {
        using var client = ClientFrom(address, host);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/v1/auth/login")) { Content = JsonContent.Create(new { email, password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    /// <summary>
    /// Logins at <paramref name="cap"/> accounts from <paramref name="address"/> (the i-th forwarding
    /// <paramref name="forwardedFor"/>(i)) all get 401, and the next one, at yet another account, 429.
    /// </summary>
    protected async Task AssertCutOffAfterAsync(int cap, string address, Func<int, string>? forwardedFor = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < cap; i++)
        {
            using var response = await LoginFromAsync(address, UnknownEmail(), forwardedFor: forwardedFor?.Invoke(i));
            statuses.Add(response.StatusCode);
        }

        using var cutOff = await LoginFromAsync(address, UnknownEmail(), forwardedFor: forwardedFor?.Invoke(cap));

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        await AssertTooManyRequestsAsync(cutOff);
    }

    /// <summary>An email no account has: the limits must treat it exactly as a registered one.</summary>
    protected static string UnknownEmail() => $"nobody-{Guid.NewGuid():N}@example.com";

    protected static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
    }
}
