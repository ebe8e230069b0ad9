using MassTransit;

namespace Commerce.Workers.Search;

/// <summary>
/// Batches of up to <see cref="MessageLimit"/> changes, or whatever arrived within
/// <see cref="TimeLimit"/>; a failing batch is tried again after growing gaps (an Elasticsearch
/// restart takes seconds), then each of its messages goes to <c>index-product_error</c>, to be
/// replayed with <c>./commerce dlq retry</c>.
/// </summary>
public sealed class IndexProductConsumerDefinition : ConsumerDefinition<IndexProductConsumer>
{
    public const int MessageLimit = 100;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<IndexProductConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(1));
        endpointConfigurator.UseMessageRetry(r => r.Intervals(RetryIntervals));
    }
}
