using System.Security.Cryptography;
using System.Text;
using Commerce.Api.Gateway;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Commerce.Api.Auth;

/// <summary>
/// Login limits in Redis, so every Api instance counts the same attempts (docs/adr/0031): per
/// account and address (5 a minute), per address across accounts (credential stuffing), and per
/// account across addresses with a lock-out that doubles with each further failure. Every attempt
/// counts as a failure until it succeeds, so parallel guesses cannot slip past the lock-out while
/// their hashes run. The account is keyed by its email whether it exists or not, so the answers
/// tell nothing about which accounts exist. Without Redis a login is refused with 503, never let
/// through uncounted.
/// </summary>
internal sealed class LoginThrottle(RedisGate redis, IOptions<GatewayOptions> options)
{
    private const string Prefix = "throttle:login:";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // KEYS[1] account lock, KEYS[2] account failures. ARGV[4] failures before backoff, ARGV[5] backoff ms, ARGV[6] backoff max ms.
    private const string LockOutWhenDue = """
        local failures = tonumber(redis.call('GET', KEYS[2]) or '0')
        local threshold = tonumber(ARGV[4])
        if failures >= threshold then
          local lock = math.min(tonumber(ARGV[5]) * 2 ^ (failures - threshold), tonumber(ARGV[6]))
          redis.call('SET', KEYS[1], '1', 'PX', math.floor(lock))
        end
        """;

    // KEYS: account lock, account failures, account+address window, address window.
    // ARGV: pair limit, address limit, window ms, failures before backoff, backoff ms, backoff max ms, failures memory ms.
    // Returns 0 when the attempt may go on (and is counted), else the milliseconds until it may.
    // The lock-out is set here already, so attempts racing this one meet it while its hash runs.
    private const string AcquireScript = $$"""
        local locked = redis.call('PTTL', KEYS[1])
        if locked > 0 then return locked end
        local function wait(key, limit)
          if tonumber(redis.call('GET', key) or '0') < limit then return 0 end
          return math.max(redis.call('PTTL', key), 1)
        end
        local full = math.max(wait(KEYS[3], tonumber(ARGV[1])), wait(KEYS[4], tonumber(ARGV[2])))
        if full > 0 then return full end
        for _, key in ipairs({KEYS[3], KEYS[4]}) do
          if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[3]) end
        end
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[7])
        {{LockOutWhenDue}}
        return 0
        """;

    // Same KEYS and ARGV as the acquire script: the lock-out starts again from when the failure is known,
    // so its length does not shrink by however long the hash took.
    private const string FailedScript = $"""
        {LockOutWhenDue}
        return 0
        """;

    /// <summary>Counts an attempt; null when it may go on, else how long the caller must wait (the Retry-After).</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string email, HttpContext http, CancellationToken cancellationToken)
    {
        var wait = (long)await RunAsync(AcquireScript, email, ClientAddress.Of(http), cancellationToken);
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    /// <summary>A wrong password (or an unknown account): a lock-out that is due runs from now.</summary>
    public Task FailedAsync(string email, HttpContext http, CancellationToken cancellationToken) =>
        RunAsync(FailedScript, email, ClientAddress.Of(http), cancellationToken);

    /// <summary>A correct password: the account's failures and lock-out are forgotten.</summary>
    public Task SucceededAsync(string email, CancellationToken cancellationToken)
    {
        var account = AccountKey(email);
        return redis.RunAsync(db => db.KeyDeleteAsync([Prefix + "lock:" + account, Prefix + "failures:" + account]), cancellationToken);
    }

    private Task<RedisResult> RunAsync(string script, string email, string address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var account = AccountKey(email);
        return redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                script,
                [Prefix + "lock:" + account, Prefix + "failures:" + account, Prefix + "pair:" + account + ":" + address, Prefix + "address:" + address],
                [
                    settings.LoginAttemptsPerMinute,
                    settings.LoginAttemptsPerAddressPerMinute,
                    (long)Window.TotalMilliseconds,
                    settings.LoginFailuresBeforeBackoff,
                    (long)settings.LoginBackoff.TotalMilliseconds,
                    (long)settings.LoginBackoffMax.TotalMilliseconds,
                    // Longer than the longest lock-out, so waiting one out does not start the count afresh.
                    (long)(settings.LoginBackoffMax * 2).TotalMilliseconds,
                ]),
            cancellationToken);
    }

    // A hash, so Redis holds no email addresses and keys stay short.
    private static string AccountKey(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)));
}
