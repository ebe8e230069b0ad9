using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Gateway;

/// <summary>
/// Request rate limits per signed-in user, or per address for anonymous callers, answered with
/// 429 and <c>Retry-After</c> (ASP.NET Core's default would be 503 without it).
/// </summary>
internal static class RateLimits
{
    /// <summary>The named policy the ordering module puts on <c>POST /checkout</c>: 10 per minute per user.</summary>
    public const string CheckoutPolicy = "checkout";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
        {
            var options = gateway.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                SetRetryAfter(context.HttpContext.Response, context.Lease);
                // No body here: the status-code pages write the problem+json.
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                // Health and metrics are probed by infrastructure, not clients; they are never limited.
                !http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetNoLimiter("infrastructure")
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => FixedWindow(options.RequestsPerMinute)));
            limiter.AddPolicy(CheckoutPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => FixedWindow(options.CheckoutsPerMinute)));
        });
        return services;
    }

    public static FixedWindowRateLimiterOptions FixedWindow(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public static void SetRetryAfter(HttpResponse response, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(lease);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)Window.TotalSeconds;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The user when the token says who it is, else the address (behind a proxy, configure forwarded headers).</summary>
    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirstValue("sub") is { } userId
            ? "user:" + userId
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
