using Commerce.Workers.Integrations;
using Commerce.Workers.Payments;
using Commerce.Workers.Tests.Integrations.Support;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>The real <see cref="StripePaymentGateway"/> (Stripe.net, Polly) against the sandbox's Stripe.</summary>
[TestFixture]
public sealed class PaymentGatewaySpecs : IntegrationFixture
{
    [Test]
    public async Task A_visa_charge_is_captured_once_under_the_callers_key_with_the_order_in_the_metadata()
    {
        await using var services = Services();
        var orderId = Guid.NewGuid();

        var outcome = await services.Get<IPaymentGateway>().ChargeAsync(Charge(orderId, "pm_card_visa", 4_999), CancellationToken.None);

        var captured = outcome as PaymentOutcome.Captured;
        var intents = await Sandbox.PaymentIntentsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(captured, Is.Not.Null, $"outcome was {outcome}");
            Assert.That(captured!.AmountMinor, Is.EqualTo(4_999));
            Assert.That(intents, Has.Count.EqualTo(1));
            Assert.That(intents[0].Id, Is.EqualTo(captured.PaymentIntentId));
            Assert.That(intents[0].Status, Is.EqualTo("succeeded"));
            Assert.That(intents[0].Currency, Is.EqualTo("usd"));
            Assert.That(intents[0].AmountReceived, Is.EqualTo(4_999));
            Assert.That(intents[0].IdempotencyKey, Is.EqualTo(IdempotencyKeys.Charge(orderId)));
            Assert.That(intents[0].Metadata["order_id"], Is.EqualTo(orderId.ToString("D")));
        });
    }

    [TestCase("pm_card_chargeDeclined", "generic_decline")]
    [TestCase("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    public async Task A_declined_card_is_an_answer_not_an_outage_and_is_not_retried(string card, string declineCode)
    {
        await using var services = Services();
        var orderId = Guid.NewGuid();

        var outcome = await services.Get<IPaymentGateway>().ChargeAsync(Charge(orderId, card), CancellationToken.None);

        var intents = await Sandbox.PaymentIntentsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.TypeOf<PaymentOutcome.Declined>());
            Assert.That(((PaymentOutcome.Declined)outcome).Code, Is.EqualTo("card_declined"));
            Assert.That(((PaymentOutcome.Declined)outcome).Reason, Is.Not.Empty);
            Assert.That(services.Attempts["Stripe"], Is.EqualTo(1), "a decline is never retried");
            Assert.That(intents, Has.Count.EqualTo(1));
            Assert.That(intents[0].AmountReceived, Is.Zero);
            Assert.That(intents[0].DeclineCode, Is.EqualTo(declineCode));
        });
    }

    [Test]
    public async Task An_unknown_payment_method_is_Stripes_permanent_refusal_answered_as_a_decline_and_not_retried()
    {
        await using var services = Services();
        var orderId = Guid.NewGuid();

        var outcome = await services.Get<IPaymentGateway>().ChargeAsync(Charge(orderId, "pm_card_nonsense"), CancellationToken.None);

        var declined = outcome as PaymentOutcome.Declined;
        Assert.Multiple(async () =>
        {
            Assert.That(declined, Is.Not.Null, $"outcome was {outcome}");
            Assert.That(declined!.Code, Is.EqualTo("resource_missing"));
            Assert.That(declined.Reason, Does.Contain("No such PaymentMethod"));
            Assert.That(services.Attempts["Stripe"], Is.EqualTo(1), "a refusal is never retried");
            Assert.That(await Sandbox.PaymentIntentsAsync(orderId), Is.Empty, "Stripe creates nothing for a refused request");
        });
    }

    [Test]
    public async Task The_same_idempotency_key_twice_makes_one_PaymentIntent_and_the_same_answer()
    {
        await using var services = Services();
        var gateway = services.Get<IPaymentGateway>();
        var orderId = Guid.NewGuid();

        var (first, second) = await ChargeTwiceAsync(gateway, orderId, "pm_card_visa");

        var intents = await Sandbox.PaymentIntentsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.TypeOf<PaymentOutcome.Captured>());
            Assert.That(second, Is.EqualTo(first));
            Assert.That(intents, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_declined_charge_repeated_with_its_key_is_declined_again_without_a_second_attempt_at_the_card()
    {
        await using var services = Services();
        var gateway = services.Get<IPaymentGateway>();
        var orderId = Guid.NewGuid();

        var (first, second) = await ChargeTwiceAsync(gateway, orderId, "pm_card_chargeDeclined");

        Assert.Multiple(async () =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(await Sandbox.PaymentIntentsAsync(orderId), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Stripe_failing_is_logged_and_thrown_with_its_status_code_but_not_its_message()
    {
        await Sandbox.SetFaultAsync("stripe", new { mode = "error", errorRate = 1.0 });
        var orderId = Guid.NewGuid();

        var (e, logs) = await FailureWithLogsAsync<PaymentProviderUnavailableException>(s => s.Get<IPaymentGateway>().ChargeAsync(Charge(orderId, "pm_card_visa"), CancellationToken.None));

        ProviderFailureReport.AssertStatusWithoutBody(e, logs, "Stripe answered 500", "Stripe answered 500", "Sandbox fault");
    }

    [Test]
    public async Task Stripe_failing_every_request_ends_in_provider_unavailable_after_the_configured_retries()
    {
        await using var services = Services();
        await Sandbox.SetFaultAsync("stripe", new { mode = "error", errorRate = 1.0 });
        var orderId = Guid.NewGuid();

        Assert.ThrowsAsync<PaymentProviderUnavailableException>(() =>
            services.Get<IPaymentGateway>().ChargeAsync(Charge(orderId, "pm_card_visa"), CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(services.Attempts["Stripe"], Is.EqualTo(4), "the first attempt and 3 retries");
            Assert.That(await Sandbox.PaymentIntentsAsync(orderId), Is.Empty);
        });
    }

    [Test]
    public async Task Stripe_hanging_is_cut_off_by_the_attempt_timeout_and_reported_unavailable()
    {
        await using var services = Services(new()
        {
            ["Stripe:Resilience:MaxRetryAttempts"] = "1",
            ["Stripe:Resilience:AttemptTimeout"] = "00:00:00.500",
        });
        await Sandbox.SetFaultAsync("stripe", new { mode = "timeout", errorRate = 1.0, timeoutSeconds = 30 });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<PaymentProviderUnavailableException>(() =>
            services.Get<IPaymentGateway>().ChargeAsync(Charge(Guid.NewGuid(), "pm_card_visa"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "two 0.5 s attempts, not the sandbox's 30 s hang");
            Assert.That(services.Attempts["Stripe"], Is.EqualTo(2));
            Assert.That(e!.InnerException, Is.Not.Null);
        });
    }

    [Test]
    public async Task An_open_circuit_fails_charges_at_once_without_calling_Stripe()
    {
        await using var services = Services(new()
        {
            ["Stripe:Resilience:MaxRetryAttempts"] = "0",
            ["Stripe:Resilience:CircuitBreakerMinimumThroughput"] = "2",
            ["Stripe:Resilience:CircuitBreakerFailureRatio"] = "0.5",
            ["Stripe:Resilience:CircuitBreakerBreakDuration"] = "00:01:00",
        });
        await Sandbox.SetFaultAsync("stripe", new { mode = "down", errorRate = 1.0 });
        var gateway = services.Get<IPaymentGateway>();
        for (var i = 0; i < 2; i++)
        {
            Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => gateway.ChargeAsync(Charge(Guid.NewGuid(), "pm_card_visa"), CancellationToken.None));
        }

        await Sandbox.ClearFaultsAsync();
        var e = Assert.ThrowsAsync<PaymentProviderUnavailableException>(() => gateway.ChargeAsync(Charge(Guid.NewGuid(), "pm_card_visa"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(services.Attempts["Stripe"], Is.EqualTo(2), "the open circuit kept the third charge from Stripe");
            Assert.That(e!.InnerException, Is.InstanceOf<Polly.CircuitBreaker.BrokenCircuitException>());
        });
    }

    [Test]
    public async Task Fifty_orders_under_30_percent_errors_10_percent_timeouts_and_lost_responses_are_each_charged_exactly_once()
    {
        await using var services = Services(new()
        {
            // Only the retries and idempotency keys are under test here, not the breaker.
            ["Stripe:Resilience:CircuitBreakerFailureRatio"] = "1.0",
            ["Stripe:Resilience:AttemptTimeout"] = "00:00:00.500",
        });
        await Sandbox.SetFaultAsync("stripe", new { mode = "error", errorRate = 0.3, timeoutRate = 0.1, timeoutSeconds = 5, dropAfterCommitRate = 0.05 });
        var gateway = services.Get<IPaymentGateway>();
        var orders = Enumerable.Range(0, 50).Select(i => (OrderId: Guid.NewGuid(), Amount: 1_000L + i)).ToList();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<Guid, PaymentOutcome>();
        var unavailable = 0;

        // As the saga does: a charge that ends "unavailable" is tried again later with the same key.
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, ct) =>
        {
            for (var call = 0; call < 20 && !outcomes.ContainsKey(order.OrderId); call++)
            {
                try
                {
                    outcomes[order.OrderId] = await gateway.ChargeAsync(Charge(order.OrderId, "pm_card_visa", order.Amount), ct);
                }
                catch (PaymentProviderUnavailableException)
                {
                    Interlocked.Increment(ref unavailable);
                }
            }
        });
        await Sandbox.ClearFaultsAsync();

        var records = new Dictionary<Guid, IReadOnlyList<PaymentIntentRecord>>();
        foreach (var (orderId, _) in orders)
        {
            records[orderId] = await Sandbox.PaymentIntentsAsync(orderId);
        }

        TestContext.Out.WriteLine($"{services.Attempts["Stripe"]} HTTP attempts for 50 charges; {unavailable} charge calls ended unavailable");
        Assert.Multiple(() =>
        {
            Assert.That(services.Attempts["Stripe"], Is.GreaterThan(50), "the faults fired");
            foreach (var (orderId, amount) in orders)
            {
                var intents = records[orderId];
                Assert.That(intents.Count(i => i.Status == "succeeded"), Is.LessThanOrEqualTo(1), $"order {orderId} charged twice");
                Assert.That(intents, Has.Count.EqualTo(1), $"order {orderId}: one PaymentIntent");
                Assert.That(outcomes.GetValueOrDefault(orderId), Is.EqualTo(new PaymentOutcome.Captured(intents.Single().Id, amount)), $"order {orderId}");
            }
        });
    }

    [Test]
    public async Task A_refund_returns_the_captured_amount_once_however_often_it_is_asked_for_with_its_key()
    {
        await using var services = Services();
        var gateway = services.Get<IPaymentGateway>();
        var orderId = Guid.NewGuid();
        var captured = (PaymentOutcome.Captured)await gateway.ChargeAsync(Charge(orderId, "pm_card_visa", 2_500), CancellationToken.None);

        var refund = new RefundRequest(orderId, captured.PaymentIntentId, captured.AmountMinor, IdempotencyKeys.Refund(orderId));
        var first = await gateway.RefundAsync(refund, CancellationToken.None);
        var second = await gateway.RefundAsync(refund, CancellationToken.None);

        var refunds = await Sandbox.RefundsAsync(orderId);
        var intent = (await Sandbox.PaymentIntentsAsync(orderId)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(first.AmountMinor, Is.EqualTo(2_500));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(refunds, Has.Count.EqualTo(1));
            Assert.That(refunds[0].Id, Is.EqualTo(first.RefundId));
            Assert.That(refunds[0].IdempotencyKey, Is.EqualTo(IdempotencyKeys.Refund(orderId)));
            Assert.That(intent.AmountRefunded, Is.EqualTo(2_500));
        });
    }

    [Test]
    public async Task The_Stripe_client_refuses_any_host_but_the_configured_one()
    {
        await using var services = Services();
        using var http = services.Get<IHttpClientFactory>().CreateClient(StripePaymentGateway.HttpClientName);

        Assert.ThrowsAsync<DisallowedHostException>(() => http.GetAsync(new Uri("http://169.254.169.254/latest/meta-data/")));
    }

    [Test]
    public void Start_up_fails_naming_the_setting_when_the_Stripe_key_is_missing()
    {
        var settings = IntegrationServices.SandboxSettings(Sandbox.BaseAddress, new Dictionary<string, string?> { ["Stripe:ApiKey"] = null });

        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => IntegrationServices.Create(settings));

        Assert.That(e!.Message, Does.Contain("Stripe:ApiKey"));
    }

    private static ChargeRequest Charge(Guid orderId, string paymentMethod, long amount = 1_999) =>
        new(orderId, amount, "USD", paymentMethod, IdempotencyKeys.Charge(orderId));

    /// <summary>The same charge twice, one after the other, under the order's one idempotency key.</summary>
    private static async Task<(PaymentOutcome First, PaymentOutcome Second)> ChargeTwiceAsync(IPaymentGateway gateway, Guid orderId, string paymentMethod)
    {
        var first = await gateway.ChargeAsync(Charge(orderId, paymentMethod), CancellationToken.None);
        var second = await gateway.ChargeAsync(Charge(orderId, paymentMethod), CancellationToken.None);
        return (first, second);
    }
}
