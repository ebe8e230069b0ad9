using System.ComponentModel.DataAnnotations;

namespace Commerce.ServiceDefaults;

/// <summary>
/// Bound from <c>Redis</c> (env: <c>Redis__Configuration</c>, <c>Redis__CacheConfiguration</c>),
/// StackExchange.Redis configuration strings: the durable keys' server and the cache's (docs/adr/0032).
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>Carts, refresh tokens, login counters: a server that never evicts (<c>noeviction</c>).</summary>
    [Required]
    public string Configuration { get; set; } = string.Empty;

    /// <summary>The search cache: a bounded server that evicts (<c>allkeys-lru</c>); unset, the cache shares <see cref="Configuration"/>.</summary>
    public string? CacheConfiguration { get; set; }
}
