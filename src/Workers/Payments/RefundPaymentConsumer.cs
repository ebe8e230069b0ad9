using Commerce.Contracts.Payments;
using Commerce.Messaging.Outbox;
using MassTransit;

namespace Commerce.Workers.Payments;

/// <summary>Gives a payment back; one refund per payment, keyed by the payment itself.</summary>
public sealed class RefundPaymentConsumer(IPaymentGateway payments) : IConsumer<RefundPayment>, IConsumesOutsideTransaction
{
    public async Task Consume(ConsumeContext<RefundPayment> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        // Nothing is published: no one waits for the refund (Stripe keeps its record).
        await payments.RefundAsync(
            new RefundRequest(m.OrderId, m.PaymentIntentId, m.AmountMinor, IdempotencyKeys.Refund(m.OrderId)),
            context.CancellationToken);
    }
}
