using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Commerce.Messaging.Tests;

/// <summary>Which broker failures a step is retried for rather than moved to <c>_error</c>.</summary>
[TestFixture]
public sealed class BrokerErrorsSpecs
{
    /// <summary>The shape CI's short chaos run met: a RabbitMQ restart closed the channel under the sends after the commit.</summary>
    private static OperationInterruptedException ChannelClosedUnderASend() =>
        new(new ShutdownEventArgs(ShutdownInitiator.Peer, 491, "ObjectDisposedException on channel"));

    [Test]
    public void A_channel_closed_under_a_send_is_transient() =>
        Assert.That(BrokerErrors.IsTransient(ChannelClosedUnderASend()), Is.True);

    [Test]
    public void The_same_inside_a_saga_activity_is_transient() =>
        Assert.That(BrokerErrors.IsTransient(new EventExecutionException("faulted", ChannelClosedUnderASend())), Is.True);

    [Test]
    public void A_consumer_failing_for_another_reason_is_not() =>
        Assert.That(BrokerErrors.IsTransient(new ArgumentException("bad data")), Is.False);
}
