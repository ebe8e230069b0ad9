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

    /// <summary>Login attempts per minute from one address, whichever accounts they name (credential stuffing).</summary>
    [Range(1, 100_000)]
    public int LoginAttemptsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Attempts at one account without a success, from any addresses, before it is locked for <see cref="LoginBackoff"/>.</summary>
    [Range(1, 10_000)]
    public int LoginFailuresBeforeBackoff { get; set; } = 10;

    /// <summary>The first lock-out of an account; each further failed attempt doubles it, up to <see cref="LoginBackoffMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LoginBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest lock-out; an account's failures are forgotten after twice this without an attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginBackoffMax { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Registrations per minute from one address, whether the email is new or taken.</summary>
    [Range(1, 100_000)]
    public int RegistrationsPerAddressPerMinute { get; set; } = 5;

    /// <summary>Password hashes waiting for a core beyond the ones running; more are refused with 503 at once.</summary>
    [Range(0, 10_000)]
    public int PasswordHashQueueLimit { get; set; } = 8;

    /// <summary>Reverse proxies (IP addresses) whose <c>X-Forwarded-For</c> names the client; none means the header is ignored.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of trusted reverse proxies, as <see cref="KnownProxies"/>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
