using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// MassTransit's scheduling seam (what the saga's Schedule and Unschedule end up calling) on
/// <see cref="InProcessTimers"/>: scheduling and cancelling cost no broker message; the message
/// itself is sent to its destination only when its time comes, with the scheduling token in the
/// header the saga checks (MT-Scheduling-TokenId), as a real scheduler sends it.
/// </summary>
public sealed class InProcessScheduleProvider(InProcessTimers timers, IServiceProvider services, ILogger<InProcessScheduleProvider> logger) : IScheduleMessageProvider
{
    public Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        var token = NewId.NextGuid();
        timers.Set(token, new DateTimeOffset(DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc)), () => SendAsync(token, destinationAddress, message, pipe));
        return Task.FromResult<ScheduledMessage<T>>(new InProcessScheduledMessage<T>(token, scheduledTime, destinationAddress, message));
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken)
    {
        timers.Cancel(tokenId);
        return Task.CompletedTask;
    }

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        CancelScheduledSend(tokenId, cancellationToken);

    private async Task SendAsync<T>(Guid token, Uri destination, T message, IPipe<SendContext<T>> pipe)
        where T : class
    {
        try
        {
            // The bus is resolved when a timer fires, long after the endpoint that scheduled it started.
            var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(destination);
            await endpoint.Send(message, Pipe.ExecuteAsync<SendContext<T>>(async context =>
            {
                await pipe.Send(context);
                context.Headers.Set(MessageHeaders.SchedulingTokenId, token);
            }));
        }
#pragma warning disable CA1031 // a timer callback has no caller to throw to: log, as a scheduler would
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.TimerSendFailed(e, typeof(T).Name);
        }
    }
}
