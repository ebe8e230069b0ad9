using MassTransit;

namespace Commerce.Bench.Baseline;

public sealed class BaselineOrder : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;
}

/// <summary>
/// The three saga steps of checkout (submitted, stock reserved, card charged) on MassTransit's
/// in-memory repository without an outbox: what the broker and MassTransit cost by themselves.
/// </summary>
public sealed class BaselineOrderStateMachine : MassTransitStateMachine<BaselineOrder>
{
    public BaselineOrderStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Submitted, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => StockReserved, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => CardCharged, e => e.CorrelateById(m => m.Message.OrderId));

        Initially(
            When(Submitted)
                .Publish(c => new BaselineReserveStock(c.Saga.CorrelationId))
                .TransitionTo(Reserving));
        During(
            Reserving,
            When(StockReserved)
                .Publish(c => new BaselineChargeCard(c.Saga.CorrelationId))
                .TransitionTo(Charging));
        During(
            Charging,
            When(CardCharged)
                .Publish(c => new BaselineOrderConfirmed(c.Saga.CorrelationId))
                .Finalize());
        SetCompletedWhenFinalized();
    }

    public State Reserving { get; private set; } = null!;

    public State Charging { get; private set; } = null!;

    public Event<BaselineOrderSubmitted> Submitted { get; private set; } = null!;

    public Event<BaselineStockReserved> StockReserved { get; private set; } = null!;

    public Event<BaselineCardCharged> CardCharged { get; private set; } = null!;
}

public sealed class BaselineReserveStockConsumer : IConsumer<BaselineReserveStock>
{
    public Task Consume(ConsumeContext<BaselineReserveStock> context) =>
        context.Publish(new BaselineStockReserved(context.Message.OrderId));
}

public sealed class BaselineChargeCardConsumer : IConsumer<BaselineChargeCard>
{
    public Task Consume(ConsumeContext<BaselineChargeCard> context) =>
        context.Publish(new BaselineCardCharged(context.Message.OrderId));
}

/// <summary>Counts confirmations so the driver knows when every saga has finished.</summary>
public sealed class BaselineConfirmationCounter(BaselineProgress progress) : IConsumer<BaselineOrderConfirmed>
{
    public Task Consume(ConsumeContext<BaselineOrderConfirmed> context)
    {
        progress.Confirmed();
        return Task.CompletedTask;
    }
}

public sealed class BaselineProgress
{
    private int _confirmed;

    public int ConfirmedCount => Volatile.Read(ref _confirmed);

    public void Confirmed() => Interlocked.Increment(ref _confirmed);
}
