using Commerce.Messaging;
using Commerce.Messaging.Saga;
using Commerce.Persistence.Orders;
using MassTransit;

namespace Commerce.Workers.Checkout;

/// <summary>
/// The order saga's endpoint (<see cref="Commerce.Contracts.Queues.OrderSaga"/>) with
/// <c>commerce.saga.step.duration</c> and <c>commerce.saga.step.failures</c> for every message it consumes.
/// </summary>
public sealed class OrderStateDefinition : SagaDefinition<OrderState>
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<OrderState> sagaConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(sagaConfigurator);
        ArgumentNullException.ThrowIfNull(context);
        sagaConfigurator.ConnectSagaConfigurationObserver(
            new SagaStepMetricsObserver<OrderState>(context.GetRequiredService<MessagingMetrics>(), s => s.CurrentState));
    }
}
