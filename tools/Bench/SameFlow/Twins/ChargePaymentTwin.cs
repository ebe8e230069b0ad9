using System.Globalization;
using Commerce.Contracts.Payments;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>charge-payment without Stripe: captured at once, with the saga's attempt id and amount (or the saga would not take it).</summary>
public sealed class ChargePaymentTwin : IConsumer<ChargePayment>
{
    public Task Consume(ConsumeContext<ChargePayment> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var intent = string.Create(CultureInfo.InvariantCulture, $"pi_sameflow_{m.OrderId:N}");
        return context.Publish(new PaymentCaptured(m.OrderId, m.AttemptId, intent, m.AmountMinor));
    }
}
