namespace Commerce.Api.Ordering;

/// <summary>Checkout, orders, live status and the warehouse webhook.</summary>
internal static class OrderingExtensions
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static RouteGroupBuilder MapOrdering(this RouteGroupBuilder v1)
    {
        return v1;
    }
}
