using Commerce.Persistence.Seeding;

namespace Commerce.Api.Tests.Ordering;

/// <summary>A stream of an order that never reaches a final status still ends, at <c>OrderStreams:MaxLifetime</c>.</summary>
[TestFixture]
public sealed class OrderEventLifetimeSpecs : OrderStreamFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["OrderStreams:MaxLifetime"] = "00:00:01",
    };

    [Test]
    public async Task A_stream_ends_at_its_maximum_lifetime_and_is_forgotten()
    {
        var customer = await LoginCustomerAsync();
        var orderId = await ConfirmedOrderOfAsync(await UserIdAsync(DemoDataSeeder.CustomerEmail));
        using var timeout = new CancellationTokenSource(Deadline);

        using var stream = await OpenStreamAsync(orderId, customer.AccessToken);

        Assert.That(await stream.EndsAsync(timeout.Token), Is.True);
        await AllStreamsClosedAsync();
    }
}
