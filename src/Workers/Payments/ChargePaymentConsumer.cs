using Commerce.Contracts.Payments;
using Commerce.Messaging.Outbox;
using MassTransit;

namespace Commerce.Workers.Payments;

/// <summary>
/// Takes the payment the saga asked for. The idempotency key is the order's (one charge per order),
/// so however often this message is redelivered, the provider charges once. An unreachable
/// provider throws: the message is retried later (scheduled redelivery) until the saga's deadline.
/// </summary>
public sealed class ChargePaymentConsumer(IPaymentGateway payments, PaymentMetrics metrics) : IConsumer<ChargePayment>, IConsumesOutsideTransaction
{
    public async Task Consume(ConsumeContext<ChargePayment> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var outcome = await payments.ChargeAsync(
            new ChargeRequest(m.OrderId, m.AmountMinor, m.Currency, m.PaymentMethod, IdempotencyKeys.Charge(m.OrderId)),
            context.CancellationToken);
        switch (outcome)
        {
            case PaymentOutcome.Captured captured:
                await context.Publish(new PaymentCaptured(m.OrderId, m.AttemptId, captured.PaymentIntentId, captured.AmountMinor));
                break;
            case PaymentOutcome.Declined declined:
                metrics.Declined(declined.Code);
                await context.Publish(new PaymentDeclined(m.OrderId, m.AttemptId, declined.Code, declined.Reason));
                break;
        }
    }
}
