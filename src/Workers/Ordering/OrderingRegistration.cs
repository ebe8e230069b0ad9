using Commerce.Contracts;
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
        x.AddSagaStateMachine<OrderStateMachine, OrderState, OrderStateDefinition>().Endpoint(e => e.Name = Queues.OrderSaga);
        x.AddConsumer<ReserveInventoryConsumer>().Endpoint(e => e.Name = Queues.ReserveInventory);
        x.AddConsumer<ReleaseInventoryConsumer>().Endpoint(e => e.Name = Queues.ReleaseInventory);
        x.AddConsumer<CommitInventoryConsumer>().Endpoint(e => e.Name = Queues.CommitInventory);
        x.AddConsumer<ChargePaymentConsumer, ExternalCallConsumerDefinition<ChargePaymentConsumer>>().Endpoint(e => e.Name = Queues.ChargePayment);
        x.AddConsumer<RefundPaymentConsumer, ExternalCallConsumerDefinition<RefundPaymentConsumer>>().Endpoint(e => e.Name = Queues.RefundPayment);
        x.AddConsumer<RequestFulfillmentConsumer, ExternalCallConsumerDefinition<RequestFulfillmentConsumer>>().Endpoint(e => e.Name = Queues.RequestFulfillment);
        x.AddConsumer<SendNotificationConsumer, ExternalCallConsumerDefinition<SendNotificationConsumer>>().Endpoint(e => e.Name = Queues.SendNotification);
    }
}
