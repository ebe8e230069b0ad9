using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Rescue;

namespace Commerce.Messaging.Configuration;

/// <summary>
/// The dead-letter step of every receive endpoint (reliability plan S13): a message no consumer of
/// the endpoint took (a type nobody here knows) goes to the queue's <c>_error</c> with the fault
/// headers, like any failed message, where the dead-letter tooling and the alerts see it, instead of
/// quietly to <c>_skipped</c>. The endpoint then takes the next message.
/// </summary>
public sealed class UnconsumedMessageToError : IFilter<ReceiveContext>
{
    private readonly IFilter<ExceptionReceiveContext> _errorTransport = new ErrorTransportFilter();

    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exception = new MessageNotConsumedException(context.InputAddress, $"No consumer of {context.InputAddress} takes this message type.");
        return _errorTransport.Send(new RescueExceptionReceiveContext(context, exception), Pipe.Empty<ExceptionReceiveContext>());
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("unconsumedMessageToError");
    }
}
