using System.Net;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// <c>X-Forwarded-For</c> names the client only when a configured proxy (10.0.0.1) or a host of a
/// configured network (10.1.0.0/16) sends it; from anyone else it is ignored. Seen through the
/// login limits (3 a minute per address, 5 per account and address): they count under the
/// address that is trusted.
/// </summary>
[TestFixture]
public sealed class TrustedProxySpecs : ThrottleFixture
{
    private const int AddressCap = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Gateway:LoginAttemptsPerMinute"] = "5",
        ["Gateway:LoginAttemptsPerAddressPerMinute"] = $"{AddressCap}",
        ["Gateway:KnownProxies:0"] = "10.0.0.1",
        ["Gateway:KnownNetworks:0"] = "10.1.0.0/16",
    };

    [TestCase("10.0.0.1", "198.51.100")]
    [TestCase("10.1.2.3", "198.51.101")]
    public async Task Clients_behind_a_known_proxy_are_counted_each_under_their_own_address(string proxy, string clients)
    {
        // One account from more clients than the account+address limit (5) allows one address.
        var email = UnknownEmail();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await LoginFromAsync(proxy, email, forwardedFor: $"{clients}.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task One_client_behind_a_known_proxy_is_cut_off_at_its_own_cap()
    {
        await AssertCutOffAfterAsync(AddressCap, "10.0.0.1", _ => "198.51.102.1");

        using var neighbour = await LoginFromAsync("10.0.0.1", UnknownEmail(), forwardedFor: "198.51.102.2");
        Assert.That(neighbour.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Forwarded_for_from_an_unknown_peer_is_ignored()
    {
        await AssertCutOffAfterAsync(AddressCap, "10.9.9.9", i => $"198.51.103.{i + 1}");
    }

    [Test]
    public async Task A_client_cannot_hide_behind_addresses_it_prepends()
    {
        // The proxy appends the address it saw; what the client wrote before it is not trusted.
        await AssertCutOffAfterAsync(AddressCap, "10.0.0.1", i => $"203.0.113.{i + 1}, 198.51.104.1");
    }
}
