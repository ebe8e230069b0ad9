using Commerce.Contracts.Payments;
using MassTransit;

namespace Commerce.Bench.SameFlow.Twins;

/// <summary>refund-payment (compensation; not on the bench's happy path), publishing nothing like the real one.</summary>
public sealed class RefundPaymentTwin : IConsumer<RefundPayment>
{
    public Task Consume(ConsumeContext<RefundPayment> context) => Task.CompletedTask;
}
