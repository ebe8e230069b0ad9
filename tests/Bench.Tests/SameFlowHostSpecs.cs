using Commerce.Bench.Hosting;
using Commerce.Bench.SameFlow;
using Commerce.Contracts;
using Commerce.Contracts.Checkout;
using Commerce.LocalSystem;
using Commerce.Persistence.Orders;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.Tests;

/// <summary>
/// The same-flow baseline on the real broker: the Workers' saga takes an order all the way to
/// Delivered through the twins, schedules and cancels its payment deadline without any broker
/// message, and uses the real system's queue names.
/// </summary>
public sealed class SameFlowHostSpecs
{
    [Test]
    public async Task An_order_reaches_Delivered_and_its_payment_deadline_is_cancelled_in_process()
    {
        await using var vhost = await ThrowawayVirtualHost.CreateAsync("sameflow");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:Host"] = LocalServices.Current.RabbitMqHost,
            ["RabbitMq:VirtualHost"] = vhost.Name,
            ["RabbitMq:Username"] = LocalServices.Current.RabbitMqUsername,
            ["RabbitMq:Password"] = LocalServices.Current.RabbitMqPassword,
        });
        SameFlowHost.AddServices(builder.Services, builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var ledger = host.Services.GetRequiredService<OrderLedger>();
            var orderId = NewId.NextSequentialGuid();
            var now = DateTimeOffset.UtcNow;
            ledger.Accept(orderId, now);
            var saga = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(Queues.OrderSagaAddress);
            await saga.Send(new SubmitOrder(orderId, Guid.NewGuid(), "spec@example.com", SystemUnderTest.ProductPrice, "USD", "pm_card_visa", now));

            await Poll.UntilAsync(
                () => Task.FromResult(ledger.Progress().States.GetValueOrDefault(OrderStatus.Delivered) == 1),
                TimeSpan.FromSeconds(30),
                "the order to be delivered");

            var queues = (await vhost.Management.GetQueuesAsync(vhost.Name, CancellationToken.None)).Select(q => q.Name).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(ledger.Confirmations([orderId]).Single().ConfirmedAt, Is.Not.Null, "Confirmed was recorded on the way");
                Assert.That(host.Services.GetRequiredService<InProcessTimers>().Pending, Is.Zero, "the capture cancelled the deadline's timer");
                Assert.That(queues, Is.SupersetOf(new[] { "order-state", "reserve-inventory", "charge-payment", "commit-inventory", "request-fulfillment", "send-notification" }));
                Assert.That(queues, Has.None.EqualTo("scheduler"), "no schedule went through a broker queue");
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
