using System.Net;
using Commerce.Persistence.Seeding;

namespace Commerce.Api.Tests.Ordering;

/// <summary>
/// The live status stream's bounds (reliability plan S1, S9): ownership before anything is kept,
/// nothing kept per id asked for, per-user and global caps, heartbeats, the token's expiry.
/// </summary>
[TestFixture]
public sealed class OrderEventStreamSpecs : OrderStreamFixture
{
    private const int MaxPerUser = 2;
    private const int MaxTotal = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["OrderStreams:MaxPerUser"] = MaxPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OrderStreams:MaxTotal"] = MaxTotal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OrderStreams:HeartbeatInterval"] = "00:00:00.200",
        ["OrderStreams:MaxLifetime"] = "00:10:00",
    };

    [SetUp]
    public Task NoStreamIsOpen() => AllStreamsClosedAsync();

    [Test]
    public async Task Unknown_and_foreign_order_ids_are_404_and_leave_nothing_behind()
    {
        var customer = await LoginCustomerAsync();
        var someoneElse = await ConfirmedOrderOfAsync(Guid.NewGuid());
        var asked = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).Append(someoneElse).ToList();

        var statuses = new List<HttpStatusCode>();
        foreach (var id in asked)
        {
            using var response = await RequestStreamAsync(id, customer.AccessToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Broadcaster.WatchedOrders, Is.Zero, "orders the broadcaster still holds an entry for");
            Assert.That(Slots.UsersWatching, Is.Zero, "users still holding a stream slot");
        });
    }

    [Test]
    public async Task An_idle_stream_sends_heartbeat_comments_and_is_forgotten_when_the_client_leaves()
    {
        var customer = await LoginCustomerAsync();
        var orderId = await ConfirmedOrderOfAsync(await UserIdAsync(DemoDataSeeder.CustomerEmail));
        using var timeout = new CancellationTokenSource(Deadline);

        using (var stream = await OpenStreamAsync(orderId, customer.AccessToken))
        {
            Assert.That(await stream.NextLineStartingWithAsync(":", timeout.Token), Is.EqualTo(": heartbeat"));
            Assert.That(Broadcaster.WatchedOrders, Is.EqualTo(1));
        }

        await AllStreamsClosedAsync();
    }

    [Test]
    public async Task A_user_over_the_per_user_cap_gets_429_with_Retry_After_until_a_stream_closes()
    {
        var customer = await LoginCustomerAsync();
        var orderId = await ConfirmedOrderOfAsync(await UserIdAsync(DemoDataSeeder.CustomerEmail));
        var open = new List<StatusFeed>();
        try
        {
            for (var i = 0; i < MaxPerUser; i++)
            {
                open.Add(await OpenStreamAsync(orderId, customer.AccessToken));
            }

            using (var refused = await RequestStreamAsync(orderId, customer.AccessToken))
            {
                await AssertTooManyAsync(refused);
            }

            open[0].Dispose();
            open.RemoveAt(0);
            await Poll.UntilAsync(
                async () =>
                {
                    using var again = await RequestStreamAsync(orderId, customer.AccessToken);
                    return again.StatusCode == HttpStatusCode.OK;
                },
                Deadline,
                "a stream accepted again once one closed");
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public async Task Over_the_global_cap_a_user_under_their_own_cap_gets_429()
    {
        var customer = await LoginCustomerAsync();
        var customerOrder = await ConfirmedOrderOfAsync(await UserIdAsync(DemoDataSeeder.CustomerEmail));
        var (email, password) = await RegisterAsync();
        var other = await LoginAsync(email, password);
        var otherOrder = await ConfirmedOrderOfAsync(await UserIdAsync(email));
        var open = new List<StatusFeed>();
        try
        {
            for (var i = 0; i < MaxPerUser; i++)
            {
                open.Add(await OpenStreamAsync(customerOrder, customer.AccessToken));
            }

            open.Add(await OpenStreamAsync(otherOrder, other.AccessToken));

            using var refused = await RequestStreamAsync(otherOrder, other.AccessToken);
            await AssertTooManyAsync(refused);
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public async Task A_stream_ends_when_the_access_token_expires()
    {
        var userId = await UserIdAsync(DemoDataSeeder.CustomerEmail);
        var orderId = await ConfirmedOrderOfAsync(userId);
        var token = TokenExpiringAt(userId, DateTime.UtcNow.AddSeconds(3));
        using var timeout = new CancellationTokenSource(Deadline);

        using var stream = await OpenStreamAsync(orderId, token);

        Assert.That(await stream.EndsAsync(timeout.Token), Is.True);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        // Checked before the body is read: an accepted stream's body never ends.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }
}
