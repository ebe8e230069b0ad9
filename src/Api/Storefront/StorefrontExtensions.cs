namespace Commerce.Api.Storefront;

/// <summary>Users and auth, catalog and search, cart, and the gateway protections (issue: storefront API).</summary>
internal static class StorefrontExtensions
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static WebApplication UseStorefront(this WebApplication app)
    {
        return app;
    }

    public static RouteGroupBuilder MapStorefront(this RouteGroupBuilder v1)
    {
        return v1;
    }
}
