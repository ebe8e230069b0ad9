using StackExchange.Redis;

namespace Commerce.Api.Gateway;

/// <summary>
/// Redis for the features that cannot work without it (refresh tokens, carts). They fail closed
/// and fast: a disconnected multiplexer answers at once, a slow one after <see cref="Timeout"/>,
/// both as <see cref="DependencyUnavailableException"/> (503), well inside the 2 s a client waits.
/// </summary>
internal sealed class RedisGate(IConnectionMultiplexer redis)
{
    /// <summary>Below the multiplexer's own 2 s timeouts, which would otherwise be the limit.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(1500);

    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!redis.IsConnected)
        {
            // Commands would wait in the multiplexer's backlog until its timeout; answer now instead.
            throw new DependencyUnavailableException("redis");
        }

        try
        {
            return await operation(redis.GetDatabase()).WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new DependencyUnavailableException("redis", e);
        }
    }
}
