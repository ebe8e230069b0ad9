using Commerce.Bench.Hosting;
using Commerce.Bench.SameFlow.Twins;
using Commerce.Contracts;
using Commerce.Contracts.Checkout;
using Commerce.Messaging;
using Commerce.Messaging.Configuration;
using Commerce.Persistence.Orders;
using Commerce.Workers.Checkout;
using Commerce.Workers.Integrations;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Commerce.LocalSystem;

namespace Commerce.Bench.SameFlow;

/// <summary>
/// The same-flow baseline's process: the Workers' <see cref="OrderStateMachine"/> with its own
/// definition on MassTransit's in-memory saga repository, the bus set up by the same
/// <see cref="BusRegistrationExtensions.AddRabbitMqBus"/> the Workers use (kebab-case names,
/// prefetch, publisher confirms), and a twin without I/O on each consumer's queue with that
/// consumer's definition (concurrency limit, retry and redelivery). No outbox, no inbox, no
/// database; schedules are timers in this process. A small HTTP surface stands in for the Api.
/// </summary>
public static class SameFlowHost
{
    public static async Task RunAsync(string virtualHost, string urls, CancellationToken cancellationToken)
    {
        var services = LocalServices.Current;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.Host)}"] = services.RabbitMqHost,
            [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.VirtualHost)}"] = virtualHost,
            [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.Username)}"] = services.RabbitMqUsername,
            [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.Password)}"] = services.RabbitMqPassword,
            [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.ManagementUrl)}"] = services.RabbitMqManagementUrl.ToString(),
        });
        AddServices(builder.Services, builder.Configuration);

        await using var app = builder.Build();
        MapEndpoints(app);
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Everything but the web host: what the spec of the flow starts on its own.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // OrderStateDefinition's step metrics, as on the Workers' saga endpoint.
        services.AddMetrics();
        services.AddSingleton<MessagingMetrics>();
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.SectionName);
        services.AddSingleton<OrderLedger>();
        services.AddScoped<IOrderStatusRecorder, LedgerStatusRecorder>();
        services.AddSingleton<InProcessTimers>();
        services.AddSingleton<InProcessScheduleProvider>();
        services.AddSingleton<WarehouseTwin>();
        services.AddRabbitMqBus(
            configuration,
            x =>
            {
                CommandRoutes.Map();
                x.AddSagaStateMachine<OrderStateMachine, OrderState, OrderStateDefinition>().InMemoryRepository().Endpoint(e => e.Name = Queues.OrderSaga);
                x.AddConsumer<ReserveInventoryTwin>().Endpoint(e => e.Name = Queues.ReserveInventory);
                x.AddConsumer<ReleaseInventoryTwin>().Endpoint(e => e.Name = Queues.ReleaseInventory);
                x.AddConsumer<CommitInventoryTwin>().Endpoint(e => e.Name = Queues.CommitInventory);
                x.AddConsumer<ChargePaymentTwin, ExternalCallConsumerDefinition<ChargePaymentTwin>>().Endpoint(e => e.Name = Queues.ChargePayment);
                x.AddConsumer<RefundPaymentTwin, ExternalCallConsumerDefinition<RefundPaymentTwin>>().Endpoint(e => e.Name = Queues.RefundPayment);
                x.AddConsumer<RequestFulfillmentTwin, ExternalCallConsumerDefinition<RequestFulfillmentTwin>>().Endpoint(e => e.Name = Queues.RequestFulfillment);
                x.AddConsumer<SendNotificationTwin, ExternalCallConsumerDefinition<SendNotificationTwin>>().Endpoint(e => e.Name = Queues.SendNotification);
            },
            // Bus-wide, where the Workers put UseMessageScheduler: the saga's deadline and the
            // external-call endpoints' scheduled redelivery both find it.
            (context, cfg) => cfg.UseFilter(new InProcessSchedulerFilter(context.GetRequiredService<InProcessScheduleProvider>())));
        services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
    }

    /// <summary>
    /// POST /checkouts accepts an order as the Api does (a <see cref="SubmitOrder"/> sent to the
    /// saga's queue), GET /progress says how far the orders got, POST /confirmations gives
    /// Submitted → Confirmed for the order ids posted.
    /// </summary>
    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapPost("/checkouts", async (OrderLedger ledger, ISendEndpointProvider send, TimeProvider clock, CancellationToken ct) =>
        {
            var orderId = NewId.NextSequentialGuid();
            var now = clock.GetUtcNow();
            ledger.Accept(orderId, now);
            var saga = await send.GetSendEndpoint(Queues.OrderSagaAddress);
            await saga.Send(new SubmitOrder(orderId, NewId.NextGuid(), "bench-shopper@example.com", SystemUnderTest.ProductPrice, "USD", "pm_card_visa", now), ct);
            return Results.Accepted(value: new AcceptedCheckout(orderId));
        });
        app.MapGet("/progress", (OrderLedger ledger) => ledger.Progress());
        app.MapPost("/confirmations", (OrderLedger ledger, [FromBody] Guid[] orderIds) => ledger.Confirmations(orderIds));
    }
}

/// <summary>The 202's body, as the Api's: the new order's id.</summary>
public sealed record AcceptedCheckout(Guid OrderId);
