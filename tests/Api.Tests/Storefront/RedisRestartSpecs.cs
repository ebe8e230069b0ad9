using System.Diagnostics;
using System.Net;
using Commerce.Persistence.Seeding;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// Redis of the test's own stopped and restarted under a running Api: the catalog keeps
/// answering, login answers 503 within 2 s, and login works again once Redis is back.
/// </summary>
[TestFixture]
public sealed class RedisRestartSpecs : StorefrontFixture
{
    private ThrowawayRedis _redis = null!;

    protected override string RedisConfiguration => _redis.Configuration;

    protected override async Task BeforeHostStartsAsync() => _redis = await ThrowawayRedis.StartAsync();

    protected override async Task AfterHostStoppedAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task Service_resumes_when_Redis_returns()
    {
        Assert.That(await LoginStatusAsync(), Is.EqualTo(HttpStatusCode.OK));

        await _redis.StopServerAsync();
        var clock = Stopwatch.StartNew();
        var whileDown = await LoginStatusAsync();
        var elapsed = clock.Elapsed;
        using var catalog = await Client.GetAsync(Url("/api/v1/products?q=lamp"));

        Assert.Multiple(() =>
        {
            Assert.That(whileDown, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(catalog.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });

        await _redis.StartServerAsync();
        await Poll.UntilAsync(async () => await LoginStatusAsync() == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "login to work again after Redis restarted");
    }

    private async Task<HttpStatusCode> LoginStatusAsync()
    {
        using var response = await PostLoginAsync(DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        return response.StatusCode;
    }
}
