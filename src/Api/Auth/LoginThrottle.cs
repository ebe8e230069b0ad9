using System.Threading.RateLimiting;
using Commerce.Api.Gateway;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Auth;

/// <summary>
/// Login attempts per account and address (5 a minute by default), so one address cannot guess a
/// password and one account cannot be locked out by everybody. The key needs the email from the
/// body, which is why this is not a route policy of the rate-limiting middleware.
/// </summary>
internal sealed class LoginThrottle(IOptions<GatewayOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => RateLimits.FixedWindow(options.Value.LoginAttemptsPerMinute)));

    /// <summary>A lease that is either acquired or carries the Retry-After; the caller disposes it.</summary>
    public RateLimitLease TryAcquire(string email, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return _limiter.AttemptAcquire($"{email}|{address}");
    }

    public void Dispose() => _limiter.Dispose();
}
