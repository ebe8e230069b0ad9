using Commerce.Messaging.Maintenance;
using Commerce.Messaging.Outbox;
using Commerce.Messaging.Saga;
using Commerce.Messaging.Scheduling;
using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
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

/// <summary>Options of <see cref="PostgresMessagingRegistrationExtensions.AddPostgresOutbox{TDbContext}"/>.</summary>
public sealed class PostgresOutboxConfigurator<TDbContext>(IBusRegistrationConfigurator configurator)
    where TDbContext : DbContext
{
    /// <summary>The address MassTransit's scheduler sends <c>ScheduleMessage</c> to.</summary>
    public static readonly Uri SchedulerAddress = new($"queue:{ScheduleMessageConsumer<TDbContext>.QueueName}");

    /// <summary>
    /// Outside consumers (in an Api request), <see cref="IPublishEndpoint"/> and
    /// <see cref="ISendEndpointProvider"/> write to the outbox in the DbContext's transaction; a
    /// delivery service sends after commit.
    /// </summary>
    public PostgresOutboxConfigurator<TDbContext> UseBusOutbox()
    {
        configurator.ReplaceScoped<IScopedBusContextProvider<IBus>, PostgresScopedBusContextProvider<IBus, TDbContext>>();
        configurator.TryAddSingleton<IBusOutboxNotification, BusOutboxSignal>();
        // Each scope's DbContext reports its commits to the scope's bus outbox (sends from memory).
        configurator.TryAddScoped<BusOutboxCommitWatcher>();
        configurator.ConfigureDbContext<TDbContext>((provider, db) => db.AddInterceptors(provider.GetRequiredService<BusOutboxCommitWatcher>()));
        configurator.AddHostedService<BusOutboxDeliveryService<TDbContext>>();
        return this;
    }

    /// <summary>The meter and instrument-name prefix of the outbox, scheduler and saga-step metrics.</summary>
    public PostgresOutboxConfigurator<TDbContext> UseMeter(string meterName, string instrumentPrefix)
    {
        configurator.Replace(ServiceDescriptor.Singleton(new MessagingMeterNames(meterName, instrumentPrefix)));
        return this;
    }

    /// <summary>
    /// A durable scheduler for saga <c>Schedule()</c> and scheduled redelivery: requests go to the
    /// <c>scheduler</c> queue, are stored in PostgreSQL and sent when due (no broker plugin needed).
    /// </summary>
    public PostgresOutboxConfigurator<TDbContext> UseMessageScheduler()
    {
        configurator.AddMessageScheduler(SchedulerAddress);
        configurator.AddConsumer<ScheduleMessageConsumer<TDbContext>>().Endpoint(e => e.Name = ScheduleMessageConsumer<TDbContext>.QueueName);
        configurator.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseMessageScheduler(SchedulerAddress));
        configurator.AddHostedService<ScheduledMessageDispatcher<TDbContext>>();
        return this;
    }
}
