using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Commerce.ServiceDefaults;

public static class RedisExtensions
{
    /// <summary>The Redis client, its validated options and its readiness check.</summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RedisOptions>()
            .Bind(builder.Configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Created on first use and never aborts on a failed connect: the process keeps running
        // while Redis is down and the multiplexer reconnects on its own.
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHealthChecks()
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [HealthCheckExtensions.ReadyTag]);
        return builder;
    }
}
