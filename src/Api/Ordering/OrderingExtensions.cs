using MassTransit;

namespace Commerce.Api.Ordering;

/// <summary>Checkout, orders, live status and the warehouse webhook.</summary>
internal static class OrderingExtensions
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CheckoutService>();
        builder.Services.AddSingleton<OrderStatusBroadcaster>();
        builder.Services.AddOptions<WarehouseWebhookOptions>()
            .BindConfiguration(WarehouseWebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    /// <summary>The live-status consumer, on a queue of this instance's own (deleted when it stops).</summary>
    public static void AddOrderingConsumers(this IBusRegistrationConfigurator x) =>
        x.AddConsumer<OrderStatusStreamConsumer>().ExcludeFromConfigureEndpoints();

    public static void ConfigureOrderingEndpoints(this IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator cfg) =>
        cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("order-status-live"), e => e.ConfigureConsumer<OrderStatusStreamConsumer>(context));

    public static RouteGroupBuilder MapOrdering(this RouteGroupBuilder v1)
    {
        v1.MapCheckout();
        v1.MapOrders();
        v1.MapOrderEvents();
        v1.MapWarehouseWebhook();
        return v1;
    }
}
