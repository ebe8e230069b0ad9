using Commerce.Api.Storefront.Auth;
using Commerce.Api.Storefront.Cart;
using Commerce.Api.Storefront.Catalog;
using Commerce.Api.Storefront.Gateway;
using Commerce.Api.Storefront.Users;

namespace Commerce.Api.Storefront;

/// <summary>Users and auth, catalog and search, cart, and the gateway protections (issue: storefront API).</summary>
internal static class StorefrontExtensions
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.AddStrictJson();
        services.AddRequestBodyLimit();
        services.AddConfiguredCors();
        services.AddGatewayRateLimits();
        services.AddSingleton<RedisGate>();
        services.AddHostedService<RedisWarmup>();

        services.AddStorefrontAuth();

        services.AddSingleton<ProductCache>();
        services.AddScoped<IProductSearch, PostgresProductSearch>();
        services.AddScoped<ProductCatalog>();

        services.AddSingleton<RedisCartStore>();
        services.AddSingleton<ICartStore>(sp => sp.GetRequiredService<RedisCartStore>());
        return builder;
    }

    /// <summary>Runs after routing (so endpoint metadata is known) and before every endpoint.</summary>
    public static WebApplication UseStorefront(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRequestBodyLimit();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication, so limits apply per user where the token says who it is.
        app.UseRateLimiter();
        return app;
    }

    public static RouteGroupBuilder MapStorefront(this RouteGroupBuilder v1)
    {
        v1.MapAuth();
        v1.MapUsers();
        v1.MapCatalog();
        v1.MapAdminProducts();
        v1.MapCart();
        return v1;
    }
}
