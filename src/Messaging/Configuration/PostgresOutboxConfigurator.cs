using Commerce.Messaging.Outbox;
using Commerce.Messaging.Scheduling;
using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Messaging.Configuration;

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
