using Commerce.Persistence.Orders;
using MassTransit;

namespace Commerce.Workers.Checkout;

internal static class OrderStatusActivities
{
    /// <summary>
    /// Bumps the saga's version and records the new status through <see cref="IOrderStatusRecorder"/>
    /// (resolved from the message's scope), so it commits with the state change or not at all.
    /// </summary>
    public static EventActivityBinder<OrderState, T> RecordStatus<T>(
        this EventActivityBinder<OrderState, T> binder,
        string status,
        Func<BehaviorContext<OrderState, T>, string?>? detail = null,
        Func<BehaviorContext<OrderState, T>, (string? Carrier, string? TrackingNumber)>? shipment = null)
        where T : class => binder
            .Then(c => c.Saga.Version++)
            .ThenAsync(c =>
            {
                var (carrier, trackingNumber) = shipment?.Invoke(c) ?? default;
                var change = new OrderStatusChange(c.Saga.CorrelationId, c.Saga.Version, status, detail?.Invoke(c), DateTimeOffset.UtcNow)
                {
                    Carrier = carrier,
                    TrackingNumber = trackingNumber,
                };
                return c.GetServiceOrCreateInstance<IOrderStatusRecorder>().RecordAsync(change, c.CancellationToken);
            });
}
