using System.Globalization;
using Commerce.Api.Gateway;

namespace Commerce.Api.Storefront.Cart;

/// <summary>
/// A cart is one Redis hash per user, <c>cart:{userId}</c> → {productId: quantity}, expiring 30
/// days after its last use (the retention of an abandoned cart). Carts have no fallback: without
/// Redis the cart answers 503 rather than pretend to be empty.
/// </summary>
internal sealed class RedisCartStore(RedisGate redis) : ICartStore
{
    public const int MaxLines = 50;
    public static readonly TimeSpan SlidingExpiry = TimeSpan.FromDays(30);

    // KEYS: cart. ARGV: product, quantity, ttl seconds, max lines. Returns 0 when the cart is full.
    // One script, so the line count check and the write cannot interleave with another request.
    private const string SetScript = """
        if ARGV[2] == '0' then
          redis.call('HDEL', KEYS[1], ARGV[1])
        else
          if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then
            return 0
          end
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        end
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    public async Task<IReadOnlyList<CartLine>> GetLinesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var key = Key(userId);
        var entries = await redis.RunAsync(
            async db =>
            {
                var all = db.HashGetAllAsync(key);
                // Reading counts as use: the expiry slides (a no-op for a missing cart).
                var touch = db.KeyExpireAsync(key, SlidingExpiry);
                await Task.WhenAll(all, touch);
                return await all;
            },
            cancellationToken);
        return [.. entries
            .Select(e => (Ok: Guid.TryParse((string?)e.Name, out var id) & int.TryParse((string?)e.Value, CultureInfo.InvariantCulture, out var quantity), id, quantity))
            .Where(e => e.Ok && e.quantity > 0)
            .Select(e => new CartLine(e.id, e.quantity))
            .OrderBy(l => l.ProductId)];
    }

    /// <summary>Sets a line's quantity (0 removes it); false when the cart already has <see cref="MaxLines"/> other lines.</summary>
    public async Task<bool> SetQuantityAsync(Guid userId, Guid productId, int quantity, CancellationToken cancellationToken)
    {
        var result = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                SetScript,
                [Key(userId)],
                [productId.ToString(), quantity, (long)SlidingExpiry.TotalSeconds, MaxLines]),
            cancellationToken);
        return (int)result == 1;
    }

    public Task ClearAsync(Guid userId, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.KeyDeleteAsync(Key(userId)), cancellationToken);

    public static string Key(Guid userId) => $"cart:{userId:N}";
}
