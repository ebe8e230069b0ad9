using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Commerce.Api.Gateway;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Commerce.Api.Auth;

/// <summary>
/// Refresh tokens in Redis (RFC 9700 §4.14, docs/adr/0011). A token is 32 random bytes; Redis holds
/// only its SHA-256, as <c>auth:rt:{hash}</c> → {user, family, used}, with a TTL. Every login starts
/// a family (<c>auth:rtf:{family}</c>); a token is valid only while its family key exists, so
/// deleting that one key revokes every token of the login. Each step is one Lua script, atomic in
/// Redis: of two refreshes with one token exactly one rotates it, and the other is a reuse.
/// </summary>
internal sealed class RefreshTokenStore(RedisGate redis, IOptions<JwtOptions> options)
{
    private const string TokenPrefix = "auth:rt:";
    private const string FamilyPrefix = "auth:rtf:";

    // KEYS: family, token. ARGV: user, family id, ttl seconds.
    private const string StartScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
        redis.call('HSET', KEYS[2], 'user', ARGV[1], 'family', ARGV[2], 'used', '0')
        redis.call('EXPIRE', KEYS[2], ARGV[3])
        return 1
        """;

    // KEYS: presented token, new token. ARGV: ttl seconds, family key prefix.
    // A used token presented again is a replay (stolen, or a client racing itself): the family dies.
    private const string RotateScript = """
        local data = redis.call('HMGET', KEYS[1], 'user', 'family', 'used')
        local user, family, used = data[1], data[2], data[3]
        if not user then return {'unknown'} end
        local familyKey = ARGV[2] .. family
        if redis.call('EXISTS', familyKey) == 0 then return {'revoked'} end
        if used == '1' then
          redis.call('DEL', familyKey)
          return {'reused'}
        end
        redis.call('HSET', KEYS[1], 'used', '1')
        redis.call('HSET', KEYS[2], 'user', user, 'family', family, 'used', '0')
        redis.call('EXPIRE', KEYS[2], ARGV[1])
        redis.call('EXPIRE', familyKey, ARGV[1])
        return {'rotated', user}
        """;

    // KEYS: presented token. ARGV: family key prefix.
    private const string RevokeScript = """
        local family = redis.call('HGET', KEYS[1], 'family')
        if family then redis.call('DEL', ARGV[1] .. family) end
        return 1
        """;

    /// <summary>Refresh tokens are opaque base64url strings of 32 bytes: 43 characters.</summary>
    public const int MaxTokenLength = 128;

    private TimeSpan Lifetime => TimeSpan.FromDays(options.Value.RefreshTokenDays);

    /// <summary>Starts a family for a new login and returns its first token.</summary>
    public async Task<string> StartFamilyAsync(Guid userId, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var family = Guid.NewGuid().ToString("N");
        await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                StartScript,
                [FamilyPrefix + family, TokenKey(token)],
                [userId.ToString(), family, (long)Lifetime.TotalSeconds]),
            cancellationToken);
        return token;
    }

    /// <summary>Rotates a token: the new token and its user, or null when the token is unknown, expired, revoked or reused.</summary>
    public async Task<(string Token, Guid UserId)?> RotateAsync(string presented, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var result = await redis.RunAsync(
            db => db.ScriptEvaluateAsync(
                RotateScript,
                [TokenKey(presented), TokenKey(token)],
                [(long)Lifetime.TotalSeconds, FamilyPrefix]),
            cancellationToken);
        var parts = (RedisResult[])result!;
        return (string?)parts[0] == "rotated" && Guid.TryParse((string?)parts[1], out var userId)
            ? (token, userId)
            : null;
    }

    /// <summary>Revokes the family of a token (logout); unknown tokens are ignored.</summary>
    public Task RevokeFamilyAsync(string presented, CancellationToken cancellationToken) =>
        redis.RunAsync(db => db.ScriptEvaluateAsync(RevokeScript, [TokenKey(presented)], [FamilyPrefix]), cancellationToken);

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static RedisKey TokenKey(string token) =>
        TokenPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
