using System.Threading.Channels;
using Commerce.Sandbox.Faults;

namespace Commerce.Sandbox.Warehouse;

/// <summary>
/// Deliveries ready to send (a channel the <see cref="WebhookSender"/> drains) and the timers that
/// make them ready later: the parcel's progress and the retries' backoff. A reset cancels every timer.
/// </summary>
internal sealed class WebhookQueue(TimeProvider time) : IResettable, IDisposable
{
    private readonly Channel<WebhookDelivery> _ready = Channel.CreateUnbounded<WebhookDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private CancellationTokenSource _timers = new();
    private int _disposed;

    public ChannelReader<WebhookDelivery> Ready => _ready.Reader;

    public void Send(WebhookDelivery delivery) => _ready.Writer.TryWrite(delivery);

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> unless the sandbox is reset first.</summary>
    public void After(TimeSpan delay, Action action) => _ = RunAfterAsync(delay, action, Volatile.Read(ref _timers).Token);

    public void Reset()
    {
        using var previous = Interlocked.Exchange(ref _timers, new CancellationTokenSource());
        previous.Cancel();
    }

    // The container may dispose it once per registration it is reachable through; only the first counts.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _timers.Cancel();
        _timers.Dispose();
    }

    private async Task RunAfterAsync(TimeSpan delay, Action action, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Reset or shutdown: the fulfilment this was for is forgotten.
            return;
        }

        action();
    }
}
