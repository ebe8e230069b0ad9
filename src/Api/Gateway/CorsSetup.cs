using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Gateway;

/// <summary>Browser origins come from configuration (<c>Gateway:AllowedOrigins</c>); none are allowed by default.</summary>
internal static class CorsSetup
{
    public static IServiceCollection AddConfiguredCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewayOptions>>((cors, gateway) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(gateway.Value.AllowedOrigins)
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "Idempotency-Key")
                .WithExposedHeaders("Location", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }
}
