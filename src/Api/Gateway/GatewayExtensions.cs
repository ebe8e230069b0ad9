using Microsoft.Extensions.Options;

namespace Commerce.Api.Gateway;

/// <summary>The protections every route of the Api is behind, whichever module it belongs to.</summary>
internal static class GatewayExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddTrustedProxies();
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTypes.Apply);
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddStrictJson();
        services.AddRequestBodyLimit();
        services.AddConfiguredCors();
        services.AddGatewayRateLimits();
        services.AddSingleton<RedisGate>();
        services.AddHostedService<RedisWarmup>();
        return services;
    }

    /// <summary>Runs after routing (so endpoint metadata is known) and before every endpoint.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        // First, so every limit below counts the client a trusted proxy forwarded, not the proxy.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseRequestBodyLimit();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication, so limits apply per user where the token says who it is.
        app.UseRateLimiter();
        return app;
    }
}
