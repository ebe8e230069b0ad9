using Commerce.Persistence.Orders;
using Commerce.Workers.Retention;
using MassTransit;

namespace Commerce.Workers.Ordering;

/// <summary>The checkout saga and the consumers it commands.</summary>
public static class OrderingRegistration
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CheckoutOptions>()
            .BindConfiguration(CheckoutOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<IOrderStatusRecorder, OrderStatusRecorder>();
        builder.Services.AddStuckOrderOptions();
        builder.Services.AddHostedService<StuckOrderSampler>();
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return builder;
    }

    public static void AddOrderingConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CommandRoutes.Map();
        x.AddSagaStateMachine<OrderStateMachine, OrderState, OrderStateDefinition>();
        x.AddConsumer<ReserveInventoryConsumer>();
        x.AddConsumer<ReleaseInventoryConsumer>();
        x.AddConsumer<CommitInventoryConsumer>();
        x.AddConsumer<ChargePaymentConsumer, ExternalCallConsumerDefinition<ChargePaymentConsumer>>();
        x.AddConsumer<RefundPaymentConsumer, ExternalCallConsumerDefinition<RefundPaymentConsumer>>();
        x.AddConsumer<RequestFulfillmentConsumer, ExternalCallConsumerDefinition<RequestFulfillmentConsumer>>();
        x.AddConsumer<SendNotificationConsumer, ExternalCallConsumerDefinition<SendNotificationConsumer>>();
    }
}
