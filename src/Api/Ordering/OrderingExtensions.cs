using Commerce.ServiceDefaults;

namespace Commerce.Api.Ordering;

/// <summary>Checkout, orders, live status and the warehouse webhook.</summary>
internal static class OrderingExtensions
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddSingleton<CheckoutMetrics>();
        builder.Services.AddSingleton<OrderStatusBroadcaster>();
        builder.Services.AddSingleton<OrderStreamSlots>();
        builder.Services.AddOptions<OrderStreamOptions>()
            .BindConfiguration(OrderStreamOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<OrderStatusListener>();
        builder.Services.AddOptions<WarehouseWebhookOptions>()
            .BindConfiguration(WarehouseWebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart()
            .RefuseCommittedSecrets((WarehouseWebhookOptions.SecretsSetting, o => o.WebhookSecrets));
        return builder;
    }

    public static RouteGroupBuilder MapOrdering(this RouteGroupBuilder v1)
    {
        v1.MapCheckout();
        v1.MapOrders();
        v1.MapOrderEvents();
        v1.MapWarehouseWebhook();
        return v1;
    }
}
