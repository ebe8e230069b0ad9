using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
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
        SetRetryAfter(response, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window);
    }

    /// <summary>Whole seconds, rounded up and at least 1, so a client that waits that long is not refused again.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The 429 of a limit counted outside the middleware (login, register), with its <c>Retry-After</c>.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string title)
    {
        SetRetryAfter(response, retryAfter);
        return TypedResults.Problem(title: title, statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The user when the token says who it is, else the address (behind a proxy, configure <c>Gateway:KnownProxies</c>).</summary>
    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirstValue("sub") is { } userId
            ? "user:" + userId
            : "address:" + ClientAddress.Of(http);
}
