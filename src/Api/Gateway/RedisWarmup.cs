using Commerce.ServiceDefaults;
using StackExchange.Redis;

namespace Commerce.Api.Gateway;

/// <summary>
/// Connects to both Redis servers while the host starts, so the first request does not pay for the connect
/// (up to 2 s when Redis is down) on top of its own time limit.
/// </summary>
internal sealed class RedisWarmup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IConnectionMultiplexer>();
        _ = services.GetRequiredKeyedService<IConnectionMultiplexer>(RedisExtensions.CacheKey);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
