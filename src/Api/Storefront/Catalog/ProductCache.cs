using System.Text.Json;
using Commerce.Persistence.Configuration;
using Commerce.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace Commerce.Api.Storefront.Catalog;

/// <summary>
/// Product reads cached in Redis, behind a circuit breaker: when Redis is down or slow the
/// catalog is served from PostgreSQL, and after a few failures Redis is not even asked until
/// the break ends. Entries live under a catalog version (<c>catalog:{database}:{version}:…</c>); every
/// change increments it, so a reader that loaded old rows before the change can only write them
/// under a version nobody reads any more. Entries also expire after <see cref="Ttl"/>, which bounds
/// staleness when an invalidation could not reach Redis, and of stock changed by the Workers.
/// The cache has a Redis of its own that evicts when full, apart from the carts and tokens
/// (<see cref="RedisExtensions.CacheKey"/>, docs/adr/0032).
/// </summary>
internal sealed partial class ProductCache
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);


    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<ProductCache> _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>
    /// The cache belongs to one database: keys carry its name, so environments (or test suites)
    /// that share a Redis never serve each other's rows.
    /// </summary>
    private readonly string _prefix;

    public ProductCache([FromKeyedServices(RedisExtensions.CacheKey)] IConnectionMultiplexer redis, ILogger<ProductCache> logger, TimeProvider clock, IOptions<PostgresOptions> postgres)
    {
        _redis = redis;
        _logger = logger;
        _prefix = $"catalog:{new NpgsqlConnectionStringBuilder(postgres.Value.ConnectionString).Database}:";
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(10),
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>().Handle<TimeoutRejectedException>(),
            })
            // A cache that answers slower than the database is worse than none.
            .AddTimeout(TimeSpan.FromMilliseconds(250))
            .Build();
    }

    /// <summary>The cached value, or <paramref name="load"/>'s, stored when <paramref name="store"/> says so.</summary>
    public async Task<T?> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T?>> load, Func<T, bool> store, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(store);
        var (reachable, version) = await TryAsync(db => db.StringGetAsync(VersionKey), cancellationToken);
        if (!reachable)
        {
            return await load(cancellationToken);
        }

        var versionedKey = $"{_prefix}{(version.IsNull ? "0" : version.ToString())}:{key}";
        var (_, cached) = await TryAsync(db => db.StringGetAsync(versionedKey), cancellationToken);
        if (!cached.IsNullOrEmpty)
        {
            return JsonSerializer.Deserialize<T>((string)cached!, JsonSerializerOptions.Web);
        }

        var value = await load(cancellationToken);
        if (value is not null && store(value))
        {
            var json = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
            await TryAsync(db => db.StringSetAsync(versionedKey, json, Ttl), cancellationToken);
        }

        return value;
    }

    private string VersionKey => _prefix + "version";

    /// <summary>After a change is committed: every cached read becomes unreachable.</summary>
    public async Task InvalidateAsync(CancellationToken cancellationToken) =>
        await TryAsync(db => db.StringIncrementAsync(VersionKey), cancellationToken);

    /// <summary>Redis's answer, or not reachable when it failed, timed out or the circuit is open.</summary>
    private async Task<(bool Reachable, TResult Value)> TryAsync<TResult>(Func<IDatabase, Task<TResult>> operation, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(
                async token =>
                {
                    if (!_redis.IsConnected)
                    {
                        // Counts as a failure for the breaker without waiting in the multiplexer's backlog.
                        throw new RedisException("Redis is not connected");
                    }

                    return await operation(_redis.GetDatabase()).WaitAsync(token);
                },
                cancellationToken);
            return (true, result);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or TimeoutRejectedException or BrokenCircuitException)
        {
            LogCacheBypassed(_logger, e.GetType().Name);
            return (false, default!);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Product cache bypassed ({Reason}); reading PostgreSQL")]
    private static partial void LogCacheBypassed(ILogger logger, string reason);
}
