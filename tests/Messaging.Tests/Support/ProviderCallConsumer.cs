using System.Collections.Concurrent;
using Commerce.Messaging.Outbox;
using MassTransit;

namespace Commerce.Messaging.Tests.Support;

/// <summary>
/// Stands for a payment or warehouse consumer: a call to a provider (here a gate the test opens),
/// then a message downstream. It runs outside the step's transaction.
/// </summary>
public sealed class ProviderCallConsumer : IConsumer<CallProvider>, IConsumesOutsideTransaction
{
    public async Task Consume(ConsumeContext<CallProvider> context)
    {
        var gate = ProviderGate.For(context.Message.Key);
        gate.CountCall();
        gate.Entered.TrySetResult();
        await gate.Released.Task.WaitAsync(context.CancellationToken);
        await context.Publish(new RecordEffect(context.Message.Key));
    }
}

/// <summary>The provider a <see cref="ProviderCallConsumer"/> waits on, one per key: the test sees the call arrive and lets it finish.</summary>
public sealed class ProviderGate
{
    private static readonly ConcurrentDictionary<string, ProviderGate> Gates = new(StringComparer.Ordinal);

    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void CountCall() => Interlocked.Increment(ref _calls);

    public static ProviderGate For(string key) => Gates.GetOrAdd(key, _ => new ProviderGate());
}
