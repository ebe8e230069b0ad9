using System.Threading.RateLimiting;
using Commerce.Persistence.Users;
using Commerce.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Auth;

/// <summary>JWT bearer authentication, the admin and fallback policies and the services behind the auth routes.</summary>
internal static class AuthSetup
{
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart()
            .RefuseCommittedSecrets((JwtOptions.SigningKeySetting, o => [o.SigningKey]));
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                // Keep the JWT claim names (sub, role) instead of the legacy SOAP claim-type URIs.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = AccessTokens.ValidationParameters(jwt.Value);
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(AuthenticatedByDefault.Policy)
            .AddPolicy(CurrentUser.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddSingleton<AccessTokens>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<UserPasswordHasher>();
        services.AddKeyedSingleton<RateLimiter>(PasswordWork.LimiterKey, PasswordWork.CreateLimiter);
        services.AddSingleton<PasswordWork>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<RegistrationThrottle>();
        return services;
    }
}
