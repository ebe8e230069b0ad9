using Commerce.Contracts.Checkout;
using Commerce.Contracts.Fulfillment;
using Commerce.Contracts.Inventory;
using Commerce.Contracts.Notifications;
using Commerce.Contracts.Payments;
using Commerce.Persistence.Orders;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Commerce.Workers.Checkout;

/// <summary>
/// The checkout saga: Submitted → stock reserved → AwaitingPayment → payment captured →
/// Confirmed → Shipped → Delivered, compensating on every failure (stock released, payment
/// refunded). Every status change is written to the order (status, timeline, shipment) in the
/// step's own transaction; the Api's live updates follow it through PostgreSQL notifications.
/// </summary>
public sealed class OrderStateMachine : MassTransitStateMachine<OrderState>
{
    public OrderStateMachine(IOptions<CheckoutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InstanceState(x => x.CurrentState);
        Event(() => Submitted, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Reserved, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => ReservationFailed, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Captured, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Declined, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => CancelRequested, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Dispatched, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Delivered, e => e.CorrelateById(m => m.Message.OrderId));
        Schedule(() => PaymentDeadline, x => x.PaymentDeadlineToken, s =>
        {
            s.Delay = options.Value.PaymentDeadline;
            s.Received = r => r.CorrelateById(m => m.Message.OrderId);
        });

        Initially(
            When(Submitted)
                .Then(c =>
                {
                    c.Saga.AmountMinor = (long)decimal.Round(c.Message.Total * 100m, 0, MidpointRounding.AwayFromZero);
                    c.Saga.Currency = c.Message.Currency;
                    c.Saga.PaymentMethod = c.Message.PaymentMethod;
                    c.Saga.SubmittedAt = c.Message.SubmittedAt;
                })
                .Send(c => new ReserveInventory(c.Saga.CorrelationId))
                .TransitionTo(Reserving));

        During(Reserving,
            When(Reserved)
                .Then(c => c.Saga.PaymentAttemptId = NewId.NextGuid())
                .Schedule(PaymentDeadline, c => new PaymentDeadlinePassed(c.Saga.CorrelationId))
                .Send(c => new ChargePayment(c.Saga.CorrelationId, c.Saga.PaymentAttemptId!.Value, c.Saga.AmountMinor, c.Saga.Currency, c.Saga.PaymentMethod))
                .RecordStatus(OrderStatus.AwaitingPayment)
                .TransitionTo(AwaitingPayment),
            When(ReservationFailed)
                .RecordStatus(OrderStatus.Rejected, c => c.Message.Reason)
                .Send(c => new SendNotification(c.Saga.CorrelationId, "rejected"))
                .TransitionTo(Rejected),
            When(CancelRequested)
                .Send(c => new ReleaseInventory(c.Saga.CorrelationId))
                .RecordStatus(OrderStatus.Cancelled, c => "cancelled by the customer")
                .Send(c => new SendNotification(c.Saga.CorrelationId, "cancelled"))
                .TransitionTo(Cancelled));

        During(AwaitingPayment,
            When(Captured, c => IsOurPayment(c.Saga, c.Message))
                .Unschedule(PaymentDeadline)
                .Then(c =>
                {
                    c.Saga.PaymentIntentId = c.Message.PaymentIntentId;
                    c.Saga.CapturedAmountMinor = c.Message.AmountMinor;
                })
                .Send(c => new CommitInventory(c.Saga.CorrelationId))
                .Send(c => new RequestFulfillment(c.Saga.CorrelationId))
                .RecordStatus(OrderStatus.Confirmed)
                .Send(c => new SendNotification(c.Saga.CorrelationId, "confirmed"))
                .TransitionTo(Confirmed),
            When(Declined, c => c.Message.AttemptId == c.Saga.PaymentAttemptId)
                .Unschedule(PaymentDeadline)
                .Send(c => new ReleaseInventory(c.Saga.CorrelationId))
                .RecordStatus(OrderStatus.PaymentFailed, c => DeclinedReason(c.Message))
                .Send(c => new SendNotification(c.Saga.CorrelationId, "payment-failed"))
                .TransitionTo(PaymentFailed),
            When(PaymentDeadline.Received)
                .Send(c => new ReleaseInventory(c.Saga.CorrelationId))
                .RecordStatus(OrderStatus.PaymentFailed, c => "payment not taken before the deadline")
                .Send(c => new SendNotification(c.Saga.CorrelationId, "payment-failed"))
                .TransitionTo(PaymentFailed),
            When(CancelRequested)
                .Unschedule(PaymentDeadline)
                .Send(c => new ReleaseInventory(c.Saga.CorrelationId))
                .RecordStatus(OrderStatus.Cancelled, c => "cancelled by the customer")
                .Send(c => new SendNotification(c.Saga.CorrelationId, "cancelled"))
                .TransitionTo(Cancelled));

        During(Confirmed,
            When(Dispatched)
                .Then(c => c.Saga.Shipped = true)
                .RecordStatus(OrderStatus.Shipped, shipment: c => (c.Message.Carrier, c.Message.TrackingNumber))
                .Send(c => new SendNotification(c.Saga.CorrelationId, "shipped"))
                .TransitionTo(Shipped),
            // The warehouse may report delivery before dispatch: the order still gets both emails.
            When(Delivered)
                .Send(c => new SendNotification(c.Saga.CorrelationId, "shipped"))
                .RecordStatus(OrderStatus.Delivered, shipment: c => (c.Message.Carrier, c.Message.TrackingNumber))
                .Send(c => new SendNotification(c.Saga.CorrelationId, "delivered"))
                .TransitionTo(OrderDelivered),
            When(CancelRequested)
                .Send(c => new ReleaseInventory(c.Saga.CorrelationId))
                .Send(c => new RefundPayment(c.Saga.CorrelationId, c.Saga.PaymentIntentId!, c.Saga.CapturedAmountMinor))
                .RecordStatus(OrderStatus.Cancelled, c => "cancelled by the customer; payment refunded")
                .Send(c => new SendNotification(c.Saga.CorrelationId, "cancelled"))
                .TransitionTo(Cancelled));

        During(Shipped,
            When(Delivered)
                .RecordStatus(OrderStatus.Delivered, shipment: c => (c.Message.Carrier, c.Message.TrackingNumber))
                .Send(c => new SendNotification(c.Saga.CorrelationId, "delivered"))
                .TransitionTo(OrderDelivered),
            Ignore(Dispatched),
            Ignore(CancelRequested));

        // A capture that lands after the order already failed or was cancelled is given back.
        During(PaymentFailed, Cancelled,
            When(Captured, c => IsOurPayment(c.Saga, c.Message) && c.Saga.PaymentIntentId is null)
                .Then(c => c.Saga.PaymentIntentId = c.Message.PaymentIntentId)
                .Send(c => new RefundPayment(c.Saga.CorrelationId, c.Message.PaymentIntentId, c.Message.AmountMinor)),
            // Stock reserved after a cancel overtook the reservation goes straight back.
            When(Reserved).Send(c => new ReleaseInventory(c.Saga.CorrelationId)),
            Ignore(Declined),
            Ignore(ReservationFailed),
            Ignore(CancelRequested),
            Ignore(Dispatched),
            Ignore(Delivered),
            Ignore(PaymentDeadline.Received));

        During(Rejected, OrderDelivered, Ignore(CancelRequested), Ignore(Dispatched), Ignore(Delivered), Ignore(Captured), Ignore(Declined));
        DuringAny(Ignore(Submitted));
    }

    public State Reserving { get; private set; } = null!;

    public State AwaitingPayment { get; private set; } = null!;

    public State Confirmed { get; private set; } = null!;

    public State Shipped { get; private set; } = null!;

    public State OrderDelivered { get; private set; } = null!;

    public State Rejected { get; private set; } = null!;

    public State PaymentFailed { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<SubmitOrder> Submitted { get; private set; } = null!;

    public Event<InventoryReserved> Reserved { get; private set; } = null!;

    public Event<InventoryReservationFailed> ReservationFailed { get; private set; } = null!;

    public Event<PaymentCaptured> Captured { get; private set; } = null!;

    public Event<PaymentDeclined> Declined { get; private set; } = null!;

    public Event<CancelOrder> CancelRequested { get; private set; } = null!;

    public Event<ShipmentDispatched> Dispatched { get; private set; } = null!;

    public Event<ShipmentDelivered> Delivered { get; private set; } = null!;

    public Schedule<OrderState, PaymentDeadlinePassed> PaymentDeadline { get; private set; } = null!;

    private const int MaxReasonLength = 500;

    /// <summary>The attempt id and amount must match what the saga asked for (a forged capture does neither).</summary>
    private static bool IsOurPayment(OrderState saga, PaymentCaptured captured) =>
        captured.AttemptId == saga.PaymentAttemptId && captured.AmountMinor == saga.AmountMinor;

    /// <summary>
    /// The provider's code and its words (the customer reads them on the order and in the email),
    /// cut to fit the order's failure reason (500 characters).
    /// </summary>
    private static string DeclinedReason(PaymentDeclined declined)
    {
        var reason = $"payment declined ({declined.Code}): {declined.Reason}";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
    }
}
