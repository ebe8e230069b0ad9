using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Api.Gateway;

/// <summary>
/// JSON as the contract says (camelCase) and strict on the way in: a member the request record
/// does not declare (<c>price</c>, <c>isAdmin</c>, …) is a 400, never silently ignored (mass
/// assignment), a number sent as a string is refused, and nesting deeper than 64 is refused.
/// </summary>
internal static class JsonHardening
{
    public const int MaxDepth = 64;

    public static IServiceCollection AddStrictJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
        // A body or query value that does not bind throws, so GatewayExceptionHandler can answer
        // 400 problem+json saying what was wrong (not answering throws away the reason).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = MaxDepth;
        // Numbers are JSON numbers: "quantity": "2" is a 400 (the web defaults read numbers from strings).
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}
