using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Commerce.ServiceDefaults;

public static class RedisExtensions
{
    /// <summary>
    /// The key of the cache's <see cref="IConnectionMultiplexer"/> (<c>[FromKeyedServices(CacheKey)]</c>):
    /// its own server when <see cref="RedisOptions.CacheConfiguration"/> is set, else the primary one.
    /// </summary>
    public const string CacheKey = "cache";

    /// <summary>The Redis clients (durable keys and cache), their validated options and the readiness check.</summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RedisOptions>()
            .Bind(builder.Configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<IConnectionMultiplexer>(sp => Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration));
        builder.Services.AddKeyedSingleton<IConnectionMultiplexer>(CacheKey, (sp, _) =>
            sp.GetRequiredService<IOptions<RedisOptions>>().Value.CacheConfiguration is { Length: > 0 } cache
                ? Connect(cache)
                : sp.GetRequiredService<IConnectionMultiplexer>());
        // Only the primary server is a readiness dependency: without the cache the catalog is read from PostgreSQL.
        builder.Services.AddHealthChecks()
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [HealthCheckExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Created on first use and never aborts on a failed connect: the process keeps running
    /// while Redis is down and the multiplexer reconnects on its own.
    /// </summary>
    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        return ConnectionMultiplexer.Connect(options);
    }
}
