using System.Net;
using Commerce.EndToEnd.Tests.Support;
using Commerce.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Commerce.EndToEnd.Tests;

/// <summary>
/// Checkout end to end: the real Api, Workers and Sandbox processes, real PostgreSQL, RabbitMQ
/// and Redis; Stripe, SendGrid and the warehouse answered by the sandbox through the real clients.
/// </summary>
[TestFixture]
public sealed class CheckoutSpecs
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private RunningSystem _system = null!;
    private ShopperClient _customer = null!;
    private SandboxClient _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _system = await RunningSystem.StartAsync(new Dictionary<string, string> { ["Checkout__PaymentDeadline"] = "00:01:00" });
        _customer = await ShopperClient.LogInAsync(_system.Api, DemoDataSeeder.CustomerEmail, DemoDataSeeder.CustomerPassword);
        _sandbox = new SandboxClient(_system.Sandbox);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _customer.Dispose();
        await _sandbox.DisposeAsync();
        await _system.DisposeAsync();
    }

    /// <summary>A product of the test's own, so stock assertions are exact.</summary>
    private async Task<Guid> ProductWithStock(int available, decimal price = 10m)
    {
        await using var db = _system.Database.CreateContext();
        var product = new Persistence.Catalog.Product
        {
            Id = Guid.NewGuid(),
            Sku = $"E2E-{Guid.NewGuid():N}"[..20],
            Name = "End-to-end widget",
            Category = "test",
            Price = price,
            Available = available,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product.Id;
    }

    private async Task<(int Available, int Reserved, int Sold)> Stock(Guid productId)
    {
        await using var db = _system.Database.CreateContext();
        var p = await db.Products.AsNoTracking().SingleAsync(x => x.Id == productId);
        return (p.Available, p.Reserved, p.Sold);
    }

    [Test]
    public async Task The_hosts_metrics_count_the_checkout_and_the_delivered_order_and_follow_OpenTelemetry_conventions()
    {
        var product = await ProductWithStock(5);
        var orderId = await _customer.PlaceOrderAsync(product, 1);
        await _customer.WaitForStatusAsync(orderId, Deadline, "Delivered");

        using var http = new HttpClient();
        var metrics = string.Empty;
        await Poll.UntilAsync(
            async () =>
            {
                var scrapes = await Task.WhenAll(_system.MetricsEndpoints.Select(e => http.GetStringAsync(e)));
                metrics = string.Join("\n", scrapes);
                return metrics.Contains("commerce_orders_finished_total{", StringComparison.Ordinal)
                    && metrics.Contains("messaging_masstransit_consume_duration_seconds_bucket", StringComparison.Ordinal)
                    && metrics.Contains("commerce_health_ready{", StringComparison.Ordinal);
            },
            Deadline,
            "the business counters, MassTransit's consume duration and the readiness gauge on /metrics");

        var masstransit = metrics.Split('\n').Where(l => l.Contains("messaging_masstransit", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(metrics, Does.Match(@"commerce_checkouts_total\{[^}]*outcome=""accepted""[^}]*\} [1-9]"));
            Assert.That(metrics, Does.Match(@"commerce_orders_finished_total\{[^}]*status=""Delivered""[^}]*\} [1-9]"));
            Assert.That(masstransit.Where(l => l.Contains("_ea", StringComparison.Ordinal) || l.Contains("millisecond", StringComparison.Ordinal)), Is.Empty, "no ea, no milliseconds");
            Assert.That(metrics, Does.Contain("# TYPE messaging_masstransit_consume_total counter"));
            Assert.That(metrics, Does.Contain("# TYPE messaging_masstransit_consume_duration_seconds histogram"));
            Assert.That(metrics, Does.Contain("# TYPE messaging_masstransit_consume_active gauge"), "in progress: up and down");
            Assert.That(metrics, Does.Match(@"commerce_health_ready\{[^}]*check=""postgres""[^}]*\} 1"));
        });
    }

    [Test]
    public async Task A_paid_order_is_confirmed_shipped_and_delivered_with_one_charge_and_its_emails()
    {
        var product = await ProductWithStock(10, price: 12.50m);

        var orderId = await _customer.PlaceOrderAsync(product, 2);

        var confirmed = await _customer.WaitForStatusAsync(orderId, Deadline, "Confirmed", "Shipped", "Delivered");
        var delivered = await _customer.WaitForStatusAsync(orderId, Deadline, "Delivered");
        await Poll.UntilAsync(async () => (await _sandbox.MailAsync(orderId)).Count >= 3, Deadline, "the confirmed, shipped and delivered emails");
        var charges = await _sandbox.PaymentIntentsAsync(orderId);
        Assert.Multiple(async () =>
        {
            Assert.That(confirmed["total"]!.GetValue<decimal>(), Is.EqualTo(25.00m), "priced from the catalog");
            Assert.That(ShopperClient.Timeline(delivered), Is.EqualTo(new[] { "Submitted", "AwaitingPayment", "Confirmed", "Shipped", "Delivered" }));
            Assert.That(delivered["shipment"]?["trackingNumber"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(charges.Count(c => c.Status == "succeeded"), Is.EqualTo(1));
            Assert.That(await Stock(product), Is.EqualTo((8, 0, 2)));
            Assert.That((await _sandbox.MailAsync(orderId)).Count, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_declined_card_fails_the_payment_and_restores_the_stock_exactly()
    {
        var product = await ProductWithStock(5);

        var orderId = await _customer.PlaceOrderAsync(product, 3, "pm_card_chargeDeclined");

        var order = await _customer.WaitForStatusAsync(orderId, Deadline, "PaymentFailed");
        await Poll.UntilAsync(async () => await Stock(product) == (5, 0, 0), Deadline, "the stock to be released");
        Assert.That(order["failureReason"]?.GetValue<string>(), Does.Contain("declined"));
    }

    [Test]
    public async Task Every_email_of_an_order_names_it_by_its_order_number_in_the_subject_and_the_body()
    {
        var product = await ProductWithStock(3);

        var orderId = await _customer.PlaceOrderAsync(product, 1);

        var delivered = await _customer.WaitForStatusAsync(orderId, Deadline, "Delivered");
        var number = delivered["orderNumber"]!.GetValue<string>();
        await Poll.UntilAsync(async () => (await _sandbox.MailAsync(orderId)).Count >= 3, Deadline, "the confirmed, shipped and delivered emails");
        var mail = await _sandbox.MailAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(number, Does.Match(@"^CM-\d{9}$"));
            Assert.That(mail.Select(m => m.Subject), Is.All.Contains(number));
            Assert.That(mail.Select(m => m.Text), Is.All.Contains($"Order {number}"));
            Assert.That(mail.Select(m => m.CustomArgs.GetValueOrDefault("order_number")), Is.All.EqualTo(number));
            Assert.That(mail.Select(m => m.Subject), Is.All.Not.Contains(orderId.ToString("N")[..8].ToUpperInvariant()), "the id's first digits are the same for a whole batch");
        });
    }

    [Test]
    public async Task A_payment_method_Stripe_does_not_know_fails_the_order_with_its_reason_releases_the_stock_and_sends_one_email()
    {
        var product = await ProductWithStock(4);

        var orderId = await _customer.PlaceOrderAsync(product, 2, "pm_card_doesNotExist");

        var order = await _customer.WaitForStatusAsync(orderId, Deadline, "PaymentFailed");
        await Poll.UntilAsync(async () => await Stock(product) == (4, 0, 0), Deadline, "the stock to be released");
        await Poll.UntilAsync(async () => (await _sandbox.MailAsync(orderId)).Count >= 1, Deadline, "the payment-failed email");
        var mail = await _sandbox.MailAsync(orderId);
        var faulted = await _system.VirtualHost.FaultedQueuesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(order["failureReason"]?.GetValue<string>(), Does.Contain("resource_missing").And.Contain("No such PaymentMethod"));
            Assert.That(mail.Select(m => m.CustomArgs.GetValueOrDefault("event_type")), Is.EqualTo(new[] { "payment-failed" }));
            Assert.That(mail[0].Text, Does.Contain("No such PaymentMethod"), "the email gives the reason");
            Assert.That(faulted.Select(q => q.Name), Has.None.StartsWith("charge-payment"), "nothing was dead-lettered");
        });
    }

    [Test]
    public async Task An_order_beyond_the_stock_is_rejected_and_takes_nothing()
    {
        var product = await ProductWithStock(1);

        var orderId = await _customer.PlaceOrderAsync(product, 2);

        await _customer.WaitForStatusAsync(orderId, Deadline, "Rejected");
        Assert.Multiple(async () =>
        {
            Assert.That(await Stock(product), Is.EqualTo((1, 0, 0)));
            Assert.That(await _sandbox.PaymentIntentsAsync(orderId), Is.Empty);
        });
    }

    [Test]
    public async Task Cancelling_after_payment_refunds_once_and_returns_the_stock()
    {
        await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 600, deliverAfterSeconds: 600);
        try
        {
            var product = await ProductWithStock(4);
            var orderId = await _customer.PlaceOrderAsync(product, 1);
            await _customer.WaitForStatusAsync(orderId, Deadline, "Confirmed");

            Assert.That(await _customer.CancelAsync(orderId), Is.EqualTo(HttpStatusCode.Accepted));

            await _customer.WaitForStatusAsync(orderId, Deadline, "Cancelled");
            await Poll.UntilAsync(async () => (await _sandbox.RefundsAsync(orderId)).Count == 1, Deadline, "the refund");
            await Poll.UntilAsync(async () => await Stock(product) == (4, 0, 0), Deadline, "the stock to come back");
            Assert.That(await _customer.CancelAsync(orderId), Is.EqualTo(HttpStatusCode.Conflict), "a finished order cannot be cancelled");
        }
        finally
        {
            await _sandbox.SetWarehouseDelaysAsync(dispatchAfterSeconds: 1, deliverAfterSeconds: 2);
        }
    }

    [Test]
    public async Task Two_hundred_concurrent_checkouts_of_fifty_in_stock_confirm_exactly_fifty()
    {
        var product = await ProductWithStock(50);

        var orders = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => _customer.PlaceOrderAsync(product, 1)));

        var outcomes = new List<string>();
        foreach (var orderId in orders)
        {
            var order = await _customer.WaitForStatusAsync(orderId, TimeSpan.FromMinutes(3), "Confirmed", "Shipped", "Delivered", "Rejected");
            outcomes.Add(order["status"]!.GetValue<string>() == "Rejected" ? "Rejected" : "Confirmed");
        }

        var stock = await Stock(product);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o == "Confirmed"), Is.EqualTo(50));
            Assert.That(outcomes.Count(o => o == "Rejected"), Is.EqualTo(150));
            Assert.That(stock.Available, Is.Zero);
            Assert.That(stock.Available + stock.Reserved + stock.Sold, Is.EqualTo(50), "stock is conserved");
        });
    }

    [Test]
    public async Task A_repeated_Idempotency_Key_makes_one_order_and_another_body_with_it_conflicts()
    {
        var product = await ProductWithStock(10);
        var key = Guid.NewGuid().ToString();
        var body = ShopperClient.Body(product, 1);

        var first = await _customer.CheckoutAsync(body, key);
        var again = await _customer.CheckoutAsync(body, key);
        var other = await _customer.CheckoutAsync(ShopperClient.Body(product, 2), key);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(again.Body!["orderId"]!.GetValue<Guid>(), Is.EqualTo(first.Body!["orderId"]!.GetValue<Guid>()));
            Assert.That(other.Status, Is.EqualTo(HttpStatusCode.Conflict));
        });
    }

    [Test]
    public async Task Another_customers_order_is_not_found()
    {
        var product = await ProductWithStock(10);
        var orderId = await _customer.PlaceOrderAsync(product, 1);
        using var stranger = await ShopperClient.RegisterAsync(_system.Api);

        var (status, _) = await stranger.GetOrderAsync(orderId);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await stranger.CancelAsync(orderId), Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Invalid_input_is_a_problem_with_errors_by_field()
    {
        var (status, body) = await _customer.CheckoutAsync(new { items = new[] { new { productId = Guid.Empty, quantity = 0 } }, paymentMethod = "", shippingAddress = new { name = "", line1 = "", city = "", postalCode = "", country = "usa" } });

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body!["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "items[0].productId", "items[0].quantity", "paymentMethod", "shippingAddress.country" }));
        });
    }
}
