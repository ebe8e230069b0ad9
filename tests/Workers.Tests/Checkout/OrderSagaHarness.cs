using Commerce.Messaging;
using Commerce.Persistence.Orders;
using Commerce.ServiceDefaults;
using Commerce.Workers.Checkout;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Workers.Tests.Checkout;

/// <summary>
/// The order state machine on MassTransit's in-memory test harness: one harness per scenario,
/// as MassTransit's testing guide advises. Transitions only — the PostgreSQL repository and the
/// real consumers are covered by the integration and end-to-end suites.
/// </summary>
internal sealed class OrderSagaHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private OrderSagaHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<OrderStateMachine, OrderState>();
    }

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<OrderStateMachine, OrderState> Saga { get; }

    public OrderStateMachine Machine => Saga.StateMachine;

    public IServiceProvider Services => _provider;

    public static async Task<OrderSagaHarness> StartAsync(TimeSpan? paymentDeadline = null)
    {
        CommandRoutes.Map();
        var provider = new ServiceCollection()
            .AddMetrics()
            .AddSingleton(new MessagingMeterNames(CommerceTelemetry.MeterName, CommerceTelemetry.InstrumentPrefix))
            .AddSingleton<MessagingMetrics>()
            .AddSingleton<RecordedStatuses>()
            .AddSingleton<IOrderStatusRecorder>(sp => sp.GetRequiredService<RecordedStatuses>())
            .AddOptions<CheckoutOptions>().Configure(o => o.PaymentDeadline = paymentDeadline ?? TimeSpan.FromMinutes(5)).Services
            .AddMassTransitTestHarness(x =>
            {
                x.AddDelayedMessageScheduler();
                // With the Workers' definition: its saga step metrics are part of what the specs check.
                x.AddSagaStateMachine<OrderStateMachine, OrderState, OrderStateDefinition>().InMemoryRepository();
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        var harness = new OrderSagaHarness(provider);
        await harness.Harness.Start();
        return harness;
    }

    public Task Publish<T>(T message)
        where T : class => Harness.Bus.Publish(message);

    /// <summary>Waits for the instance to reach <paramref name="state"/>; null when it does not within the harness timeout.</summary>
    public Task<Guid?> InState(Guid orderId, Func<OrderStateMachine, State> state) => Saga.Exists(orderId, state);

    public OrderState Instance(Guid orderId) => Saga.Sagas.Contains(orderId);

    /// <summary>
    /// How many matching messages the saga has sent, once the first has arrived or a short grace
    /// period has passed (the harness's own inactivity signal fires only once per harness).
    /// </summary>
    public async Task<int> SentCount<T>(Func<T, bool> where)
        where T : class
    {
        int Count() => Harness.Sent.Select<T>().Count(m => where(m.Context.Message));
        var grace = System.Diagnostics.Stopwatch.StartNew();
        while (Count() == 0 && grace.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(20);
        }

        return Count();
    }

    /// <summary>The statuses the saga recorded for the order, in version order, once <paramref name="last"/> is among them (or the grace period passed).</summary>
    public async Task<IReadOnlyList<string>> RecordedStatuses(Guid orderId, string last)
    {
        var recorded = _provider.GetRequiredService<RecordedStatuses>();
        List<OrderStatusChange> Of() => [.. recorded.Changes.Where(c => c.OrderId == orderId).OrderBy(c => c.Version)];
        var grace = System.Diagnostics.Stopwatch.StartNew();
        while (!Of().Any(c => c.Status == last) && grace.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(20);
        }

        return [.. Of().Select(c => c.Status)];
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
