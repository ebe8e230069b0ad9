using System.Globalization;
using System.Net;
using Commerce.LocalSystem;
using Npgsql;
using StackExchange.Redis;

namespace Commerce.Api.Tests.Storefront;

/// <summary>
/// The search cache has a Redis of its own, bounded and evicting, so cache entries can never push
/// out carts and refresh tokens, which live on a Redis that does not evict (docs/adr/0032).
/// </summary>
[TestFixture]
public sealed class SearchCacheSpecs : StorefrontFixture
{
    [Test]
    public async Task Search_results_are_cached_on_the_bounded_evicting_server_and_not_beside_the_carts()
    {
        using var search = await Client.GetAsync(Url("/api/v1/products?category=books&pageSize=3"));
        var pattern = $"catalog:{new NpgsqlConnectionStringBuilder(Database.ConnectionString).Database}:*";

        await using var cache = await ConnectAsync(LocalServices.Current.RedisCacheConfiguration);
        await using var primary = await ConnectAsync(LocalServices.Current.RedisConfiguration);
        var (cacheServer, primaryServer) = (cache.GetServers()[0], primary.GetServers()[0]);
        var onCache = await CountAsync(cacheServer, pattern);
        var besideCarts = await CountAsync(primaryServer, pattern);
        var cachePolicy = await ConfigAsync(cacheServer, "maxmemory-policy");
        var cacheBound = await MaxMemoryAsync(cacheServer);
        var primaryPolicy = await ConfigAsync(primaryServer, "maxmemory-policy");

        Assert.Multiple(() =>
        {
            Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(onCache, Is.Positive, "catalog entries on the cache server");
            Assert.That(besideCarts, Is.Zero, "catalog entries beside the carts");
            Assert.That(cachePolicy, Is.EqualTo("allkeys-lru"));
            Assert.That(cacheBound, Is.Positive, "the cache's bound");
            Assert.That(primaryPolicy, Is.EqualTo("noeviction"));
        });
    }

    [Test]
    public async Task A_cart_survives_a_flood_of_the_cache()
    {
        Assume.That(LocalServices.Current.RedisCacheConfiguration, Is.Not.EqualTo(LocalServices.Current.RedisConfiguration), "the flood must never reach the durable server");
        var (email, password) = await RegisterAsync();
        var token = (await LoginAsync(email, password)).AccessToken;
        var product = (await JsonAsync(await Client.GetAsync(Url("/api/v1/products?category=books&pageSize=1")))).GetProperty("items")[0].GetProperty("id").GetGuid();
        using (var put = await SendAsync(HttpMethod.Put, $"/api/v1/cart/items/{product}", token, new { quantity = 3 }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await using var cache = await ConnectAsync(LocalServices.Current.RedisCacheConfiguration);
        var server = cache.GetServers()[0];
        var evictedBefore = await EvictedKeysAsync(server);
        await FloodAsync(cache.GetDatabase(), await MaxMemoryAsync(server));

        using var cart = await SendAsync(HttpMethod.Get, "/api/v1/cart", token);
        var items = (await JsonAsync(cart)).GetProperty("items");
        var evictedAfter = await EvictedKeysAsync(server);
        Assert.Multiple(() =>
        {
            Assert.That(evictedAfter, Is.GreaterThan(evictedBefore), "the flood went past the cache's bound");
            Assert.That(items.GetArrayLength(), Is.EqualTo(1));
            Assert.That(items[0].GetProperty("quantity").GetInt32(), Is.EqualTo(3));
        });
    }

    /// <summary>A quarter more than the bound, in 64 KiB values that expire soon anyway.</summary>
    private static async Task FloodAsync(IDatabase cache, long bytes)
    {
        var value = new string('f', 64 * 1024);
        var prefix = $"flood:{Guid.NewGuid():N}:";
        var count = (int)(bytes * 5 / 4 / value.Length) + 1;
        foreach (var chunk in Enumerable.Range(0, count).Chunk(64))
        {
            await Task.WhenAll(chunk.Select(i => cache.StringSetAsync(prefix + i, value, TimeSpan.FromMinutes(1))));
        }
    }

    private static async Task<long> CountAsync(IServer server, string pattern)
    {
        var count = 0L;
        await foreach (var _ in server.KeysAsync(pattern: pattern))
        {
            count++;
        }

        return count;
    }

    /// <summary>CONFIG and INFO are admin commands the client refuses unless allowed.</summary>
    private static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static async Task<long> MaxMemoryAsync(IServer server) => long.Parse(await ConfigAsync(server, "maxmemory"), CultureInfo.InvariantCulture);

    private static async Task<string> ConfigAsync(IServer server, string name) => (await server.ConfigGetAsync(name)).Single().Value;

    private static async Task<long> EvictedKeysAsync(IServer server) =>
        long.Parse((await server.InfoAsync("stats")).SelectMany(g => g).Single(p => p.Key == "evicted_keys").Value, CultureInfo.InvariantCulture);
}
