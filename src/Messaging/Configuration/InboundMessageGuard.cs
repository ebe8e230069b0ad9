using MassTransit;

namespace Commerce.Messaging.Configuration;

/// <summary>
/// Every receive endpoint's first consume filter (reliability plan S13): a body over the size limit
/// is refused before any consumer sees it, so MassTransit moves it to the queue's <c>_error</c>
/// unread and the endpoint takes the next message. It is not retried.
/// </summary>
public sealed class InboundMessageGuard(int maxBytes) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var length = context.ReceiveContext.Body.Length ?? context.ReceiveContext.Body.GetBytes().Length;
        return length > maxBytes
            ? throw new MessageTooLargeException($"The message is {length} bytes; {context.ReceiveContext.InputAddress} takes at most {maxBytes} (RabbitMq:MaxMessageBytes).")
            : next.Send(context);
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.CreateFilterScope("inboundMessageGuard").Add("maxBytes", maxBytes);
    }
}
