using Commerce.Messaging.Configuration;
using Commerce.Persistence;
using Commerce.Persistence.Configuration;
using Commerce.ServiceDefaults;
using Commerce.Workers.Checkout;
using Commerce.Workers.Fulfillment;
using Commerce.Workers.Inventory;
using Commerce.Workers.Notifications;
using Commerce.Workers.Payments;
using Commerce.Workers.Search;
using MassTransit;

namespace Commerce.Workers;

#pragma warning disable CA1515 // public so the tests' WebApplicationFactory<Program> can start it
public sealed class Program
#pragma warning restore CA1515
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args) => HostRunner.RunAsync("Commerce.Workers", async () =>
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.Services.AddCommercePersistence(builder.Configuration, HealthCheckExtensions.ReadyTag);
        builder.Services.AddRabbitMqBus(
            builder.Configuration,
            x =>
            {
                // Workers also deliver the Api's bus outbox: if the Api dies after a commit, its
                // messages still go out (SKIP LOCKED lets both share the work).
                x.AddPostgresOutbox<CommerceDbContext>(o => o
                    .UseMeter(CommerceTelemetry.MeterName, CommerceTelemetry.InstrumentPrefix)
                    .UseBusOutbox()
                    .UseMessageScheduler());
                x.SetPostgresSagaRepositoryProvider<CommerceDbContext>();
                x.AddCheckoutSaga();
                x.AddInventoryConsumers();
                x.AddPaymentConsumers();
                x.AddNotificationConsumers();
                x.AddFulfillmentConsumers();
                x.AddSearchIndexer();
            },
            // Bus-wide, so the scheduler is in place before any endpoint's scheduled redelivery.
            (_, cfg) => cfg.UseMessageScheduler(PostgresOutboxConfigurator<CommerceDbContext>.SchedulerAddress),
            SearchIndexingRegistration.IndexOnlyWithElasticsearch);
        builder.AddCheckout();
        builder.AddPayments();
        builder.AddNotifications();
        builder.AddFulfillment();
        builder.AddSearchIndexing();

        var app = builder.Build();
        app.UseServiceDefaults();
        await app.RunAsync();
    });
}
