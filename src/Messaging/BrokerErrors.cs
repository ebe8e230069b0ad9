using MassTransit;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Messaging;

/// <summary>
/// Which broker failures are worth retrying a step for: a channel or connection closed under a send
/// (a RabbitMQ restart). A step that committed and then failed to send from memory is retried, and
/// the retry finds its message consumed and sends the stored rows from the table; moving the
/// message to <c>_error</c> instead would leave those rows for the stranded-row sender and make ops
/// retry a message whose work is already done.
/// </summary>
public static class BrokerErrors
{
    public static bool IsTransient(Exception exception) => ExceptionChain.Unwrap(exception) switch
    {
        OperationInterruptedException => true,
        RabbitMqConnectionException => true,
        BrokerUnreachableException => true,
        AggregateException { InnerExceptions: var inner } => inner.Any(IsTransient),
        _ => false,
    };
}
