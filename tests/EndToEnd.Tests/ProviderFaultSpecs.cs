using System.Diagnostics;
using Commerce.Contracts.Payments;
using Commerce.EndToEnd.Tests.Support;
using Commerce.LocalSystem;
using Commerce.Messaging.Storage;
using Commerce.Operations.DeadLetters;
using Commerce.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Commerce.EndToEnd.Tests;

/// <summary>
/// The seed's failure table, end to end: "Stripe down → queue orders, retry", "SendGrid down →
/// queue emails, retry". The sandbox injects the faults; the real clients and consumers cope.
/// </summary>
[TestFixture]
public sealed class ProviderFaultSpecs
{
    private static readonly string[] Terminal = ["Confirmed", "Shipped", "Delivered", "PaymentFailed", "Rejected", "Cancelled"];

    [Test]
    public async Task Three_hundred_orders_through_a_failing_Stripe_are_charged_at_most_once_and_only_when_confirmed()
    {
        await using var system = await RunningSystem.StartAsync(new Dictionary<string, string>
        {
            ["Checkout__PaymentDeadline"] = "00:01:30",
            ["Stripe__Resilience__AttemptTimeout"] = "00:00:02",
        });
        await using var sandbox = new SandboxClient(system.Sandbox);
        using var shopper = await ShopperClient.LogInAsync(system.Api, DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        Guid product;
        await using (var db = system.Database.CreateContext())
        {
            product = (await db.Products.OrderBy(p => p.Sku).FirstAsync()).Id;
            await db.Products.Where(p => p.Id == product).ExecuteUpdateAsync(p => p.SetProperty(x => x.Available, 1000));
        }

        await sandbox.SetFaultAsync("stripe", new { mode = "error", errorRate = 0.3, timeoutRate = 0.1, timeoutSeconds = 5 });
        var orders = new List<Guid>();
        foreach (var batch in Enumerable.Range(0, 300).Chunk(25))
        {
            orders.AddRange(await Task.WhenAll(batch.Select(_ => shopper.PlaceOrderAsync(product, 1))));
        }

        var statuses = new Dictionary<Guid, string>();
        foreach (var orderId in orders)
        {
            var order = await shopper.WaitForStatusAsync(orderId, TimeSpan.FromMinutes(4), Terminal);
            statuses[orderId] = order["status"]!.GetValue<string>();
        }

        await sandbox.ClearFaultsAsync();
        // An order can fail at its deadline while its ChargePayment still waits for a scheduled
        // redelivery; the capture that comes later is refunded by a RefundPayment that may itself
        // meet the outage and wait (the ladder's gaps add up to under 9 minutes). Judge the ledger
        // once no payment work is left anywhere: every queue empty, no payment message scheduled.
        var settled = await Poll.UntilAsync(() => PaymentsSettledAsync(system), TimeSpan.FromMinutes(10), "every charge and refund to be taken or given up");
        var ledger = new Dictionary<Guid, (int Charged, int Refunded)>();
        foreach (var orderId in statuses.Keys)
        {
            ledger[orderId] = ((await sandbox.PaymentIntentsAsync(orderId)).Count(c => c.Status == "succeeded"), (await sandbox.RefundsAsync(orderId)).Count);
        }

        var violations = new List<string>();
        foreach (var (orderId, (charged, refunded)) in ledger)
        {
            var status = statuses[orderId];
            var confirmed = IsConfirmed(status);
            if (charged > 1 || (confirmed && (charged != 1 || refunded != 0)) || (!confirmed && charged != refunded))
            {
                violations.Add($"{orderId}: {status}, {charged} charge(s), {refunded} refund(s)");
            }
        }

        TestContext.Out.WriteLine($"payments settled {settled.TotalSeconds:0.#} s after the outage ended");
        TestContext.Out.WriteLine($"outcomes: {string.Join(", ", statuses.Values.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.That(violations, Is.Empty, "orders charged twice, or charged without being confirmed");
    }

    private static bool IsConfirmed(string status) => status is "Confirmed" or "Shipped" or "Delivered";

    private static async Task<bool> PaymentsSettledAsync(RunningSystem system)
    {
        var depths = await LocalRabbitMq.QueueDepthsAsync(system.VirtualHost.Name);
        if (depths.Any(q => !q.Key.EndsWith(ErrorQueueReplayer.ErrorSuffix, StringComparison.Ordinal) && q.Value.Ready + q.Value.Unacknowledged > 0))
        {
            return false;
        }

        await using var db = system.Database.CreateContext();
        return !await db.Set<ScheduledDelivery>().AnyAsync(s => s.MessageType.Contains(nameof(ChargePayment)) || s.MessageType.Contains(nameof(RefundPayment)))
            && !await db.Set<OutboxMessage>().AnyAsync();
    }

    [Test]
    public async Task Emails_held_up_by_a_SendGrid_outage_are_each_sent_exactly_once_after_it()
    {
        await using var system = await RunningSystem.StartAsync();
        await using var sandbox = new SandboxClient(system.Sandbox);
        using var shopper = await ShopperClient.LogInAsync(system.Api, DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        await sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 600, deliverAfterSeconds: 600);
        Guid product;
        await using (var db = system.Database.CreateContext())
        {
            product = (await db.Products.OrderBy(p => p.Sku).FirstAsync()).Id;
        }

        await sandbox.SetFaultAsync("sendgrid", new { mode = "down" });
        var outage = Stopwatch.StartNew();
        var orders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => shopper.PlaceOrderAsync(product, 1)));
        foreach (var orderId in orders)
        {
            // Orders are not held up by the mail outage.
            await shopper.WaitForStatusAsync(orderId, TimeSpan.FromSeconds(60), "Confirmed");
        }

        await Poll.UntilAsync(() => Task.FromResult(outage.Elapsed >= TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(90), "a 60 s SendGrid outage");
        var duringOutage = 0;
        foreach (var orderId in orders)
        {
            duringOutage += (await sandbox.MailAsync(orderId)).Count;
        }

        await sandbox.ClearFaultsAsync();
        foreach (var orderId in orders)
        {
            await Poll.UntilAsync(async () => (await sandbox.MailAsync(orderId)).Count >= 1, TimeSpan.FromMinutes(4), $"the confirmation email of {orderId}");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(duringOutage, Is.Zero, "nothing gets through while SendGrid is down");
            foreach (var orderId in orders)
            {
                Assert.That((await sandbox.MailAsync(orderId)).Count, Is.EqualTo(1), $"emails for {orderId}");
            }
        });
    }
}
