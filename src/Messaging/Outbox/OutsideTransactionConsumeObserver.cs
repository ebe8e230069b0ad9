using MassTransit;

namespace Commerce.Messaging.Outbox;

/// <summary>
/// Puts <see cref="OutsideTransactionConsume"/> on the messages of every
/// <see cref="IConsumesOutsideTransaction"/> consumer. Connected before the outbox's own observer,
/// so its filter runs first and the outbox finds the mark.
/// </summary>
internal sealed class OutsideTransactionConsumeObserver : IConsumerConfigurationObserver
{
    public void ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator)
        where TConsumer : class
    {
    }

    public void ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator)
        where TConsumer : class
        where TMessage : class
    {
        if (typeof(TConsumer).IsAssignableTo(typeof(IConsumesOutsideTransaction)) && configurator is IConsumerMessageConfigurator<TMessage> message)
        {
            message.UseFilter(new OutsideTransactionConsume.Filter<TMessage>());
        }
    }
}
