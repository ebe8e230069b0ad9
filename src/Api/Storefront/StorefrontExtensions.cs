using Commerce.Api.Storefront.Cart;
using Commerce.Api.Storefront.Catalog;
using Commerce.Api.Storefront.Users;
using Commerce.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Storefront;

/// <summary>Users, catalog and search, and the cart.</summary>
internal static class StorefrontExtensions
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ProductCache>();
        services.AddCommerceSearch(builder.Configuration);
        services.AddSingleton<SearchResilience>();
        services.AddSingleton<SearchMetrics>();
        services.AddScoped<PostgresProductSearch>();
        services.AddScoped<ElasticsearchProductSearch>();
        services.AddScoped<SearchRouter>();
        services.AddScoped<ProductCatalog>();
        services.AddHealthChecks();
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>, ElasticsearchHealthCheckRegistration>();


        services.AddSingleton<RedisCartStore>();
        services.AddSingleton<ICartStore>(sp => sp.GetRequiredService<RedisCartStore>());
        return builder;
    }

    public static RouteGroupBuilder MapStorefront(this RouteGroupBuilder v1)
    {
        v1.MapUsers();
        v1.MapCatalog();
        v1.MapAdminProducts();
        v1.MapCart();
        return v1;
    }
}
