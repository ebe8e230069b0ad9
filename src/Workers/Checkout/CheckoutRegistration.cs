using Commerce.Contracts;
using Commerce.Persistence.Orders;
using Commerce.Workers.Retention;
using MassTransit;

namespace Commerce.Workers.Checkout;

/// <summary>The checkout saga: its options, status recording, stuck-order gauge and retention, and its endpoint.</summary>
public static class CheckoutRegistration
{
    public static WebApplicationBuilder AddCheckout(this WebApplicationBuilder builder)
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
        builder.Services.AddSingleton<OrderMetrics>();
        builder.Services.AddStuckOrderOptions();
        builder.Services.AddHostedService<StuckOrderSampler>();
        builder.Services.AddSingleton<RetentionService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return builder;
    }

    /// <summary>The saga on its queue, with the routes of the commands it sends.</summary>
    public static void AddCheckoutSaga(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CommandRoutes.Map();
        x.AddSagaStateMachine<OrderStateMachine, OrderState, OrderStateDefinition>().Endpoint(e => e.Name = Queues.OrderSaga);
    }
}
