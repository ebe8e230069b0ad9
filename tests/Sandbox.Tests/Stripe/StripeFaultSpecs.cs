using System.Diagnostics;
using System.Net;
using Commerce.Sandbox.Tests.Support;
using Stripe;

namespace Commerce.Sandbox.Tests.Stripe;

/// <summary>The Stripe fault switch as Stripe.net experiences it.</summary>
[TestFixture]
public sealed class StripeFaultSpecs : StripeFixture
{
    private static PaymentIntentCreateOptions Charge(string orderId) => ConfirmedCharge(orderId, 1_250);

    [Test]
    public async Task An_error_fault_makes_Stripe_net_throw_a_server_error_and_charges_nothing()
    {
        var orderId = Guid.NewGuid().ToString();
        await Sandbox.SetFaultAsync("stripe", new { mode = "error" });

        var failed = Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(Sandbox.Stripe()).CreateAsync(Charge(orderId)));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That((int)failed!.HttpStatusCode, Is.EqualTo(500));
            Assert.That(failed.StripeError.Type, Is.EqualTo("api_error"));
            Assert.That(records, Is.Empty);
        });
    }

    [Test]
    public async Task Once_the_fault_is_cleared_a_retry_with_the_same_key_charges_once()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = new RequestOptions { IdempotencyKey = $"{orderId}:charge" };
        var intents = new PaymentIntentService(Sandbox.Stripe());
        await Sandbox.SetFaultAsync("stripe", new { mode = "down" });

        var down = Assert.ThrowsAsync<StripeException>(() => intents.CreateAsync(Charge(orderId), key));
        await Sandbox.ClearFaultsAsync();
        var retried = await intents.CreateAsync(Charge(orderId), key);

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(down!.HttpStatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(retried.Status, Is.EqualTo("succeeded"));
            Assert.That(retried.StripeResponse.Headers.Contains("Idempotent-Replayed"), Is.False, "the failed attempt must not have been stored");
            Assert.That(records.Select(r => r.Id), Is.EqualTo(new[] { retried.Id }));
        });
    }

    [Test]
    public async Task A_response_dropped_after_commit_still_charged_and_a_retry_gets_the_stored_result()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = new RequestOptions { IdempotencyKey = $"{orderId}:charge" };
        await Sandbox.SetFaultAsync("stripe", new { mode = "none", dropAfterCommitRate = 1.0 });

        var dropped = Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(Sandbox.Stripe()).CreateAsync(Charge(orderId), key));
        var afterDrop = await RecordsAsync(orderId);
        var replayed = await new PaymentIntentService(Sandbox.Stripe()).CreateAsync(Charge(orderId), key);

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That((int)dropped!.HttpStatusCode, Is.EqualTo(500));
            Assert.That(afterDrop.Select(r => r.Status), Is.EqualTo(new[] { "succeeded" }), "the charge happened although the client saw a 500");
            Assert.That(replayed.StripeResponse.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(records.Select(r => r.Id), Is.EqualTo(new[] { replayed.Id }));
        });
    }

    [Test]
    public async Task Stripe_net_own_retries_with_its_automatic_key_absorb_a_dropped_response()
    {
        var orderId = Guid.NewGuid().ToString();
        await Sandbox.SetFaultAsync("stripe", new { mode = "none", dropAfterCommitRate = 1.0 });

        // No key of ours: Stripe.net adds one to every POST and keeps it across its retries.
        var intent = await new PaymentIntentService(Sandbox.Stripe(maxNetworkRetries: 2)).CreateAsync(Charge(orderId));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(intent.Status, Is.EqualTo("succeeded"));
            Assert.That(intent.StripeResponse.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(records.Select(r => r.Id), Is.EqualTo(new[] { intent.Id }));
        });
    }

    [Test]
    public async Task A_timeout_fault_hangs_for_its_time_then_answers_504()
    {
        await Sandbox.SetFaultAsync("stripe", new { mode = "timeout", timeoutSeconds = 0.5 });
        var clock = Stopwatch.StartNew();

        var timedOut = Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(Sandbox.Stripe()).GetAsync("pi_anything"));

        Assert.Multiple(() =>
        {
            Assert.That(timedOut!.HttpStatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.45)));
        });
    }

    [Test]
    public async Task An_error_rate_of_one_half_fails_some_requests_and_not_others()
    {
        await Sandbox.SetFaultAsync("stripe", new { mode = "error", errorRate = 0.5 });
        var intents = new PaymentIntentService(Sandbox.Stripe());

        var outcomes = new List<int>();
        for (var i = 0; i < 40; i++)
        {
            try
            {
                await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 100, Currency = "usd" });
                outcomes.Add(200);
            }
            catch (StripeException e)
            {
                outcomes.Add((int)e.HttpStatusCode);
            }
        }

        // With p = 0.5 and 40 tries, all-or-nothing has a probability of about 2e-12.
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Some.EqualTo(200));
            Assert.That(outcomes, Has.Some.EqualTo(500));
            Assert.That(outcomes, Is.All.EqualTo(200).Or.EqualTo(500));
        });
    }
}
