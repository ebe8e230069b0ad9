using Microsoft.Extensions.Hosting;

namespace Commerce.Messaging.Maintenance;

/// <summary>
/// A background job that runs a pass, waits <see cref="Interval"/>, and runs again until the host
/// stops. A failed pass goes to <see cref="OnPassFailed"/> and the next one still runs on time.
/// </summary>
public abstract class PeriodicService(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The wait after each pass (read again every time, so reloaded options apply).</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Nothing by default: what the pass keeps (a gauge's value) stays as it was.</summary>
    protected virtual void OnPassFailed(Exception exception)
    {
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                OnPassFailed(e);
            }

            await Task.Delay(Interval, Clock, stoppingToken);
        }
    }
}
