using MassTransit;

namespace Commerce.Messaging.Outbox;

/// <summary>The payload that tells the outbox its consumer runs before the step's transaction (<see cref="IConsumesOutsideTransaction"/>).</summary>
public sealed class OutsideTransactionConsume
{
    private static readonly OutsideTransactionConsume Mark = new();

    private OutsideTransactionConsume()
    {
    }

    internal sealed class Filter<TMessage> : IFilter<ConsumeContext<TMessage>>
        where TMessage : class
    {
        public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            context.GetOrAddPayload(() => Mark);
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("outsideTransactionConsume");
    }
}
