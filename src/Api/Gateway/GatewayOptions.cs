using System.ComponentModel.DataAnnotations;

namespace Commerce.Api.Gateway;

/// <summary>Bound from <c>Gateway</c>: the limits and origins of the Api's edge (env: <c>Gateway__AllowedOrigins__0</c>, …).</summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Browser origins allowed by CORS; empty means no cross-origin browser calls at all.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Requests per minute per signed-in user, or per address for anonymous callers.</summary>
    [Range(1, 100_000)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Checkouts per minute per user (the "checkout" policy).</summary>
    [Range(1, 1_000)]
    public int CheckoutsPerMinute { get; set; } = 10;

    /// <summary>Login attempts per minute per account and address, before 429.</summary>
    [Range(1, 1_000)]
    public int LoginAttemptsPerMinute { get; set; } = 5;
}
