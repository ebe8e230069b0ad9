using Commerce.Api.Gateway;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Auth;

/// <summary>
/// Registrations per address in Redis, shared by every Api instance. Counted before the email is
/// looked up, so a taken email (409) costs the same as a new one (201): one address learns whether
/// at most a few emails a minute are registered, and then gets 429 for new and taken alike.
/// </summary>
internal sealed class RegistrationThrottle(RedisGate redis, IOptions<GatewayOptions> options)
{
    private const string Prefix = "throttle:register:address:";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // KEYS: the address's window. ARGV: limit, window ms. Returns 0 when counted, else ms until a retry may pass.
    private const string AcquireScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if count <= tonumber(ARGV[1]) then return 0 end
        return math.max(redis.call('PTTL', KEYS[1]), 1)
        """;

    /// <summary>Counts a registration; null when it may go on, else how long the caller must wait.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var wait = (long)await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                AcquireScript,
                [Prefix + ClientAddress.Of(http)],
                [options.Value.RegistrationsPerAddressPerMinute, (long)Window.TotalMilliseconds]),
            cancellationToken);
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }
}
