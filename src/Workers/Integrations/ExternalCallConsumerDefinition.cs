using MassTransit;

namespace Commerce.Workers.Integrations;

/// <summary>
/// Retry policy of consumers that call Stripe, SendGrid or the warehouse: a provider outage is
/// retried right away twice, then redelivered later through the PostgreSQL scheduler with growing
/// gaps (so the queue keeps moving), and only then does the message go to <c>_error</c>.
/// </summary>
public sealed class ExternalCallConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public static readonly TimeSpan[] RedeliveryIntervals =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)];

    /// <summary>
    /// A notification's provider call runs inside its outbox transaction (its claim comes first), so it
    /// holds a database connection for as long as SendGrid takes; the payment and warehouse calls run
    /// before theirs (<see cref="Commerce.Messaging.Outbox.IConsumesOutsideTransaction"/>). Capping these
    /// endpoints keeps a slow or failing provider from taking the whole pool, or being flooded, while
    /// the saga waits (the chaos run showed it could).
    /// </summary>
    public const int MaxConcurrentCalls = 4;

    public ExternalCallConsumerDefinition()
    {
        ConcurrentMessageLimit = MaxConcurrentCalls;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseScheduledRedelivery(r =>
        {
            HandleOutages(r);
            r.Intervals(RedeliveryIntervals);
        });
        endpointConfigurator.UseMessageRetry(r =>
        {
            HandleOutages(r);
            r.Immediate(2);
        });
    }

    private static void HandleOutages(IRetryConfigurator r) => r.Handle<ProviderUnavailableException>();
}
