using Commerce.Messaging.Maintenance;
using Commerce.Messaging.Outbox;
using Commerce.Messaging.Saga;
using Commerce.Messaging.Scheduling;
using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commerce.Messaging.Configuration;

/// <summary>
/// Registration that reads like MassTransit's EF integration:
/// <code>
/// x.AddPostgresOutbox&lt;AppDbContext&gt;(o =&gt; { o.UseBusOutbox(); o.UseMessageScheduler(); });
/// x.SetPostgresSagaRepositoryProvider&lt;AppDbContext&gt;();
/// </code>
/// </summary>
public static class PostgresMessagingRegistrationExtensions
{
    /// <summary>
    /// The consumer outbox and inbox on every receive endpoint, with retries of transient database
    /// failures, inbox cleanup and backlog metrics.
    /// </summary>
    public static IBusRegistrationConfigurator AddPostgresOutbox<TDbContext>(
        this IBusRegistrationConfigurator configurator,
        Action<PostgresOutboxConfigurator<TDbContext>>? configure = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.AddOptions<PostgresMessagingOptions>()
            .BindConfiguration(PostgresMessagingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        configurator.TryAddSingleton(TimeProvider.System);
        configurator.TryAddSingleton<MessagingMetrics>();
        configurator.TryAddScoped<StoredMessageSender>();
        configurator.TryAddScoped<IOutboxContextFactory<TDbContext>, PostgresOutboxContextFactory<TDbContext>>();
        configurator.TryAddSingleton<DeliveredOutboxRowsRemover<TDbContext>>();
        configurator.AddHostedService(provider => provider.GetRequiredService<DeliveredOutboxRowsRemover<TDbContext>>());
        configurator.AddHostedService<StrandedOutboxRowsSender<TDbContext>>();
        configurator.AddHostedService<MessagingCleanupService<TDbContext>>();
        configurator.AddHostedService<MessagingBacklogSampler<TDbContext>>();
        configurator.AddConfigureEndpointsCallback((context, name, endpoint) =>
        {
            // The scheduler's consumer is idempotent by scheduling token on its own. Behind the inbox
            // it would be wrong: a redelivery request carries the failed message's MT-OriginalMessageId,
            // so the second request for the same message would look like a duplicate and be dropped.
            if (name == ScheduleMessageConsumer<TDbContext>.QueueName)
            {
                endpoint.UseTransientDatabaseRetry();
                return;
            }

            if (context.GetServices<InboxExemptEndpoint>().Any(e => e.Name == name))
            {
                return;
            }

            endpoint.UsePostgresOutbox<TDbContext>(context);
        });

        configure?.Invoke(new PostgresOutboxConfigurator<TDbContext>(configurator));
        return configurator;
    }

    /// <summary>
    /// Puts the outbox in front of every consumer and saga of one endpoint. Must run before the
    /// endpoint's consumers are configured (ConfigureEndpoints callbacks do).
    /// </summary>
    public static void UsePostgresOutbox<TDbContext>(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetRequiredService<IOptions<PostgresMessagingOptions>>().Value;

        endpoint.UseTransientDatabaseRetry();

        // First, so its mark is on the message before the outbox's filter runs.
        endpoint.ConnectConsumerConfigurationObserver(new OutsideTransactionConsumeObserver());
        var observer = new OutboxConsumePipeSpecificationObserver<TDbContext>(endpoint, context)
        {
            MessageDeliveryLimit = options.MessageDeliveryLimit,
            MessageDeliveryTimeout = options.SendTimeout,
        };
        endpoint.ConnectConsumerConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(observer);
    }

    /// <summary>
    /// Outermost: a unique-key race, a deadlock or a server restart rolls the whole pass back;
    /// trying again with a fresh scope and DbContext then succeeds. A broker channel closed under the
    /// sends after the commit is retried the same way (<see cref="BrokerErrors"/>).
    /// </summary>
    private static void UseTransientDatabaseRetry(this IReceiveEndpointConfigurator endpoint) => endpoint.UseMessageRetry(r =>
    {
        r.Handle<Exception>(e => PostgresErrors.IsTransient(e) || BrokerErrors.IsTransient(e));
        // Under heavy contention (every event of a new saga arriving at once) a message can lose
        // several races in a row; exponential spacing lets the winners commit first.
        r.Exponential(20, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(100));
    });

    /// <summary>Every saga state machine's instances in <typeparamref name="TDbContext"/>, locked pessimistically.</summary>
    public static IBusRegistrationConfigurator SetPostgresSagaRepositoryProvider<TDbContext>(this IBusRegistrationConfigurator configurator)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.SetSagaRepositoryProvider(new PostgresSagaRepositoryRegistrationProvider<TDbContext>());
        return configurator;
    }

    private sealed class PostgresSagaRepositoryRegistrationProvider<TDbContext> : ISagaRepositoryRegistrationProvider
        where TDbContext : DbContext
    {
        public void Configure<TSaga>(ISagaRegistrationConfigurator<TSaga> configurator)
            where TSaga : class, ISaga => configurator.Repository(r =>
        {
            r.RegisterSagaRepository<TSaga, TDbContext, SagaConsumeContextFactory<TDbContext, TSaga>, PostgresSagaRepositoryContextFactory<TDbContext, TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TDbContext, TSaga>>();
            r.RegisterLoadSagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TDbContext, TSaga>>();
        });
    }
}
