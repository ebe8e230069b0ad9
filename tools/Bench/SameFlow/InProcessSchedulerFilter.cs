using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// Gives every consumed message the scheduler payload the saga's Schedule and Unschedule ask for
/// (<see cref="MessageSchedulerContext"/>), backed by <see cref="InProcessScheduleProvider"/>
/// instead of a scheduler queue. Bus-wide, as the Workers' UseMessageScheduler is.
/// </summary>
public sealed class InProcessSchedulerFilter(IScheduleMessageProvider provider) : IFilter<ConsumeContext>
{
    private readonly MessageSchedulerFactory _scheduler = context => new MessageScheduler(provider, context.GetPayload<IBusTopology>());

    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.GetOrAddPayload<MessageSchedulerContext>(() => new ConsumeMessageSchedulerContext(context, _scheduler));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("in-process-scheduler");
}
