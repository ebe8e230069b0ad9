using System.Net;
using System.Security.Claims;
using Commerce.Api.Ordering;
using Commerce.Api.Tests.Storefront;
using Commerce.Persistence.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Tests.Ordering;

/// <summary>Orders of a given user written to the fixture's database, and live status streams opened on them.</summary>
public abstract class OrderStreamFixture : StorefrontFixture
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    internal OrderStatusBroadcaster Broadcaster => Host.Services.GetRequiredService<OrderStatusBroadcaster>();

    internal OrderStreamSlots Slots => Host.Services.GetRequiredService<OrderStreamSlots>();

    protected async Task<Guid> UserIdAsync(string email)
    {
        await using var db = Database.CreateContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A confirmed order (not final, so its stream stays open) of the user.</summary>
    protected Task<Guid> ConfirmedOrderOfAsync(Guid userId) => TestOrders.AddForCustomerAsync(Database, userId, OrderStatus.Confirmed);

    protected async Task<HttpResponseMessage> RequestStreamAsync(Guid orderId, string accessToken)
    {
        using var request = Request(HttpMethod.Get, $"/api/v1/orders/{orderId}/events", accessToken);
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>A stream that answered 200 with the order's first status event already read.</summary>
    protected async Task<StatusFeed> OpenStreamAsync(Guid orderId, string accessToken)
    {
        var response = await RequestStreamAsync(orderId, accessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ReadIfNotOkAsync(response));
        var stream = new StatusFeed(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        using var timeout = new CancellationTokenSource(Deadline);
        Assert.That(await stream.NextLineStartingWithAsync("event:", timeout.Token), Is.EqualTo("event: status"));
        return stream;
    }

    /// <summary>Waits until no stream of this Api is open: nothing is watched, no user holds a slot.</summary>
    protected Task AllStreamsClosedAsync() =>
        Poll.UntilAsync(() => Task.FromResult(Broadcaster.WatchedOrders == 0 && Slots.UsersWatching == 0), Deadline, "every stream closed and forgotten");

    /// <summary>An access token of the user, signed with the fixture's key, that expires at <paramref name="expires"/>.</summary>
    protected static string TokenExpiringAt(Guid userId, DateTime expires)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", "customer")]),
            Issuer = Issuer,
            Audience = Audience,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)) { KeyId = SigningKeyId }, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static async Task<string> ReadIfNotOkAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? string.Empty : await response.Content.ReadAsStringAsync();
}
