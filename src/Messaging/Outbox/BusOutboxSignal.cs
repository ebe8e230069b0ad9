using Commerce.Messaging.Configuration;
using MassTransit.Middleware.Outbox;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Wakes the bus-outbox delivery service when this process commits an outbox, and keeps the wake-up
/// when it comes while a pass runs (MassTransit's own notification drops it then, so the service had
/// to follow every pass with an empty one to be sure: a transaction per commit for nothing).
/// </summary>
public sealed class BusOutboxSignal(IOptions<PostgresMessagingOptions> options) : IBusOutboxNotification, IDisposable
{
    private readonly SemaphoreSlim _committed = new(0, 1);

    /// <summary>Returns once a commit was signalled since the last return, or after the poll interval.</summary>
    public async Task WaitForDelivery(CancellationToken cancellationToken) =>
        await _committed.WaitAsync(options.Value.PollInterval, cancellationToken);

    public void Delivered()
    {
        // One pending wake-up covers any number of commits: the pass claims them all.
        try
        {
            _committed.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public void Dispose() => _committed.Dispose();
}
