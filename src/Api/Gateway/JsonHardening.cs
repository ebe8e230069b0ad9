using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Api.Gateway;

/// <summary>
/// JSON as the contract says (camelCase) and strict on the way in: a member the request record
/// does not declare (<c>price</c>, <c>isAdmin</c>, …) is a 400, never silently ignored (mass
/// assignment), and nesting deeper than 64 is refused.
/// </summary>
internal static class JsonHardening
{
    public const int MaxDepth = 64;

    public static IServiceCollection AddStrictJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
        // A bad body or query value is the client's fault: 400 problem+json, also in Development
        // (where minimal APIs would otherwise throw and answer 500).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        return services;
    }

    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = MaxDepth;
    }
}
