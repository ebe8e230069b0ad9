using System.Net;
using Commerce.Sandbox.Tests.Support;
using Stripe;

namespace Commerce.Sandbox.Tests.Stripe;

/// <summary>Stripe's Idempotency-Key rules (docs.stripe.com/api/idempotent_requests), through Stripe.net.</summary>
[TestFixture]
public sealed class IdempotencySpecs : StripeFixture
{
    private static PaymentIntentCreateOptions Charge(string orderId, string paymentMethod = "pm_card_visa", long amount = 2_500) =>
        ConfirmedCharge(orderId, amount, paymentMethod);

    private static RequestOptions Key(string key) => new() { IdempotencyKey = key };

    [Test]
    public async Task The_same_key_and_parameters_replay_the_first_payment_intent_without_a_second_charge()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = $"{orderId}:charge";

        var first = await Intents.CreateAsync(Charge(orderId), Key(key));
        var again = await Intents.CreateAsync(Charge(orderId), Key(key));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(again.Id, Is.EqualTo(first.Id));
            Assert.That(again.LatestChargeId, Is.EqualTo(first.LatestChargeId));
            Assert.That(first.StripeResponse.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(again.StripeResponse.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(records.Select(r => (r.Id, r.IdempotencyKey)), Is.EqualTo(new[] { (first.Id, key) }));
        });
    }

    [Test]
    public async Task The_same_key_with_other_parameters_is_an_idempotency_error()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = $"{orderId}:charge";
        await Intents.CreateAsync(Charge(orderId), Key(key));

        var reused = Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(Charge(orderId, amount: 9_999), Key(key)));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(reused!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(reused.StripeError.Type, Is.EqualTo("idempotency_error"));
            Assert.That(records, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_declined_result_is_stored_and_replayed_too()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = $"{orderId}:charge";

        var first = Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(Charge(orderId, "pm_card_chargeDeclined"), Key(key)));
        var again = Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(Charge(orderId, "pm_card_chargeDeclined"), Key(key)));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(again!.HttpStatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That(again.StripeError.PaymentIntent.Id, Is.EqualTo(first!.StripeError.PaymentIntent.Id));
            Assert.That(again.StripeResponse.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(records, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_request_that_failed_validation_is_not_stored_so_the_key_can_be_used_again()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = $"{orderId}:charge";

        var invalid = Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(Charge(orderId, "pm_card_unknown"), Key(key)));
        var corrected = await Intents.CreateAsync(Charge(orderId), Key(key));

        Assert.Multiple(() =>
        {
            Assert.That(invalid!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(corrected.Status, Is.EqualTo("succeeded"));
        });
    }

    [Test]
    public async Task Keys_belong_to_an_API_key()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = $"{orderId}:charge";
        var otherAccount = new PaymentIntentService(Sandbox.Stripe(apiKey: "sk_test_another_account"));

        var mine = await Intents.CreateAsync(Charge(orderId), Key(key));
        var theirs = await otherAccount.CreateAsync(Charge(orderId), Key(key));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(theirs.Id, Is.Not.EqualTo(mine.Id));
            Assert.That(records, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Concurrent_requests_with_one_key_charge_once()
    {
        var orderId = Guid.NewGuid().ToString();
        var key = $"{orderId}:charge";
        // Stripe.net's default retries: a 409 for a request still in progress is retried, and then replayed.
        var retrying = new PaymentIntentService(Sandbox.Stripe(maxNetworkRetries: 2));

        var intents = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => retrying.CreateAsync(Charge(orderId), Key(key))));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(intents.Select(i => i.Id).Distinct().Count(), Is.EqualTo(1));
            Assert.That(records, Has.Count.EqualTo(1));
        });
    }
}
