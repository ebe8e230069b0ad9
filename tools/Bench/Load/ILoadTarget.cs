using Commerce.Bench.Measure;

namespace Commerce.Bench.Load;

/// <summary>
/// What a ramp drives and reads: the real system (through the Api and its database) or the
/// same-flow baseline (through its host's HTTP surface). Both run on a RabbitMQ virtual host of their own.
/// </summary>
public interface ILoadTarget
{
    /// <summary>The virtual host whose queues must be empty for a step to drain, and whose counters are read.</summary>
    string VirtualHost { get; }

    /// <summary>How long after the orders became final the counters need until they include the step's last work.</summary>
    TimeSpan CounterLag { get; }

    Task<CheckoutOutcome> CheckoutAsync(int index, CancellationToken cancellationToken);

    /// <summary>Orders not yet final, and messages committed but not yet sent to the broker (the bus outbox).</summary>
    Task<(long NotFinal, long Unsent)> InFlightAsync(CancellationToken cancellationToken);

    /// <summary>When each of these orders was accepted and when it was confirmed (null if it was not).</summary>
    Task<IReadOnlyList<Confirmation>> ConfirmationsAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken);
}
