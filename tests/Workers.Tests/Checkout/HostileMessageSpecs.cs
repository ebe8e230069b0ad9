using System.Net;
using Commerce.Contracts;
using Commerce.LocalSystem;
using Commerce.Messaging.Configuration;
using Commerce.Messaging.Storage;
using Commerce.Persistence.Orders;
using Commerce.Workers.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Workers.Tests.Checkout;

/// <summary>
/// Hostile messages (reliability plan S13) put straight on the saga's queue of the real Workers host,
/// on real RabbitMQ and PostgreSQL (a virtual host and database of its own, the sandbox as providers):
/// a forged payment capture, a message type nobody knows and a message over 256 KiB.
/// </summary>
[TestFixture]
public sealed class HostileMessageSpecs : SandboxFixture
{
    private const string ErrorQueue = Queues.OrderSaga + "_error";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private ThrowawayDatabase _database = null!;
    private ThrowawayVirtualHost _virtualHost = null!;
    private HostFactory<Program> _workers = null!;
    private RawBrokerMessages _broker = null!;

    [OneTimeSetUp]
    public async Task StartWorkers()
    {
        _database = await ThrowawayDatabase.CreateAsync("workers_hostile");
        _virtualHost = await ThrowawayVirtualHost.CreateAsync("workers-hostile");
        var settings = WorkersHostSettings.OnSandbox(Sandbox, _database.ConnectionString, _virtualHost.Name);
        _workers = new HostFactory<Program>(settings);
        using var client = _workers.CreateClient();
        await HealthProbe.WaitForReadyStatusAsync(client, HttpStatusCode.OK, Deadline);
        _broker = await RawBrokerMessages.ConnectAsync(_virtualHost.Name);
    }

    [OneTimeTearDown]
    public async Task StopWorkers()
    {
        await _broker.DisposeAsync();
        await _workers.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_forged_capture_for_an_order_that_was_never_paid_does_not_confirm_it()
    {
        var order = await OrderAwaitingPayment();

        var forged = await _broker.SendAsync(Queues.OrderSaga, Urn("Payments", "PaymentCaptured"), new { orderId = order.CorrelationId, attemptId = Guid.NewGuid(), paymentIntentId = "pi_forged", amountMinor = order.AmountMinor });

        await Poll.UntilAsync(async () => await ConsumedAsync(forged) || await InErrorAsync(forged), Deadline, "the forged capture to be consumed or faulted");
        await using var db = _database.CreateContext();
        var saga = await db.OrderStates.AsNoTracking().SingleAsync(s => s.CorrelationId == order.CorrelationId);
        var status = await db.Orders.AsNoTracking().Where(o => o.Id == order.CorrelationId).Select(o => o.Status).SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(saga.CurrentState, Is.EqualTo("AwaitingPayment"));
            Assert.That(saga.PaymentIntentId, Is.Null);
            Assert.That(status, Is.EqualTo(OrderStatus.AwaitingPayment));
        });
    }

    [Test]
    public async Task An_unknown_message_type_and_a_message_over_256_KiB_go_to_error_and_the_next_message_is_processed()
    {
        var untouched = await OrderAwaitingPayment();
        var cancelled = await OrderAwaitingPayment();

        var unknown = await _broker.SendAsync(Queues.OrderSaga, "urn:message:Commerce.Contracts.Payments:RefundEverything", new { orderId = untouched.CorrelationId });
        var oversized = await _broker.SendAsync(Queues.OrderSaga, Urn("Checkout", "CancelOrder"), new { orderId = untouched.CorrelationId, requestedBy = Guid.NewGuid(), requestedAt = DateTimeOffset.UtcNow, padding = new string('x', 300 * 1024) });
        await _broker.SendAsync(Queues.OrderSaga, Urn("Checkout", "CancelOrder"), new { orderId = cancelled.CorrelationId, requestedBy = Guid.NewGuid(), requestedAt = DateTimeOffset.UtcNow });

        await Poll.UntilAsync(async () => await StatusAsync(cancelled.CorrelationId) == OrderStatus.Cancelled, Deadline, "the good message after the hostile ones to cancel its order");
        var faulted = new Dictionary<Guid, string?>();
        await Poll.UntilAsync(
            async () =>
            {
                while (await _broker.TakeAsync(ErrorQueue) is { } message)
                {
                    faulted[message.MessageId] = message.ExceptionType;
                }

                return faulted.ContainsKey(unknown) && faulted.ContainsKey(oversized);
            },
            Deadline,
            $"both hostile messages in {ErrorQueue}");
        Assert.Multiple(async () =>
        {
            Assert.That(faulted[unknown], Is.EqualTo(typeof(MassTransit.MessageNotConsumedException).FullName));
            Assert.That(faulted[oversized], Is.EqualTo(typeof(MessageTooLargeException).FullName));
            Assert.That(await StatusAsync(untouched.CorrelationId), Is.EqualTo(OrderStatus.AwaitingPayment), "the oversized cancel was not acted on");
        });
    }

    private static string Urn(string area, string type) => $"urn:message:Commerce.Contracts.{area}:{type}";

    /// <summary>An order and its saga waiting for a payment the saga asked for (its attempt id is the saga's secret).</summary>
    private async Task<OrderState> OrderAwaitingPayment()
    {
        var order = TestOrders.New(DateTimeOffset.UtcNow, OrderStatus.AwaitingPayment);
        var saga = new OrderState { CorrelationId = order.Id, CurrentState = "AwaitingPayment", AmountMinor = 1_234, PaymentMethod = "pm_card_visa", PaymentAttemptId = Guid.NewGuid() };
        await using var db = _database.CreateContext();
        db.Orders.Add(order);
        db.OrderStates.Add(saga);
        await db.SaveChangesAsync();
        return saga;
    }

    private async Task<string> StatusAsync(Guid orderId)
    {
        await using var db = _database.CreateContext();
        return await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
    }

    private async Task<bool> ConsumedAsync(Guid messageId)
    {
        await using var db = _database.CreateContext();
        return await db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.Consumed != null);
    }

    private async Task<bool> InErrorAsync(Guid messageId) => await _broker.TakeAsync(ErrorQueue) is { } message && message.MessageId == messageId;
}
