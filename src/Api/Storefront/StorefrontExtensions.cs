using Commerce.Api.Storefront.Cart;
using Commerce.Api.Storefront.Catalog;
using Commerce.Api.Storefront.Users;

namespace Commerce.Api.Storefront;

/// <summary>Users, catalog and search, and the cart.</summary>
internal static class StorefrontExtensions
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ProductCache>();
        services.AddScoped<IProductSearch, PostgresProductSearch>();
        services.AddScoped<ProductCatalog>();

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
