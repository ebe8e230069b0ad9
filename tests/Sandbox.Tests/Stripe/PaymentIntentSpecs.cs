using System.Net;
using Commerce.Sandbox.Tests.Support;
using Stripe;

namespace Commerce.Sandbox.Tests.Stripe;

/// <summary>PaymentIntents through the real Stripe.net client, pointed at the sandbox by its API base only.</summary>
[TestFixture]
public sealed class PaymentIntentSpecs : StripeFixture
{
    private static PaymentIntentCreateOptions Charge(string orderId, string paymentMethod, long amount = 4_999)
    {
        // With a description as well, so the sandbox meets that field too.
        var options = ConfirmedCharge(orderId, amount, paymentMethod);
        options.Description = $"Order {orderId}";
        return options;
    }

    [Test]
    public async Task A_visa_card_confirmed_on_creation_succeeds_and_is_recorded_for_its_order()
    {
        var orderId = Guid.NewGuid().ToString();

        var intent = await Intents.CreateAsync(Charge(orderId, "pm_card_visa"));

        var fetched = await Intents.GetAsync(intent.Id);
        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(intent.Id, Does.StartWith("pi_"));
            Assert.That(intent.Object, Is.EqualTo("payment_intent"));
            Assert.That(intent.Status, Is.EqualTo("succeeded"));
            Assert.That(intent.Amount, Is.EqualTo(4_999));
            Assert.That(intent.AmountReceived, Is.EqualTo(4_999));
            Assert.That(intent.Currency, Is.EqualTo("usd"));
            Assert.That(intent.LatestChargeId, Does.StartWith("ch_"));
            Assert.That(intent.Metadata, Does.ContainKey("order_id").WithValue(orderId));
            Assert.That(intent.LastPaymentError, Is.Null);
            Assert.That(fetched.Id, Is.EqualTo(intent.Id));
            Assert.That(fetched.Status, Is.EqualTo("succeeded"));
            Assert.That(records.Select(r => (r.Id, r.Status, r.AmountReceived)), Is.EqualTo(new[] { (intent.Id, "succeeded", 4_999L) }));
        });
    }

    [TestCase("pm_card_chargeDeclined", "generic_decline")]
    [TestCase("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    public async Task A_declined_card_raises_card_declined_with_its_decline_code(string paymentMethod, string declineCode)
    {
        var orderId = Guid.NewGuid().ToString();

        var declined = Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(Charge(orderId, paymentMethod)));

        var records = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(declined!.HttpStatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That(declined.StripeError.Type, Is.EqualTo("card_error"));
            Assert.That(declined.StripeError.Code, Is.EqualTo("card_declined"));
            Assert.That(declined.StripeError.DeclineCode, Is.EqualTo(declineCode));
            Assert.That(declined.StripeError.PaymentIntent?.Status, Is.EqualTo("requires_payment_method"));
            Assert.That(declined.StripeError.PaymentIntent?.AmountReceived, Is.Zero);
            Assert.That(records, Has.Count.EqualTo(1));
            Assert.That(records[0].Status, Is.EqualTo("requires_payment_method"));
            Assert.That(records[0].AmountReceived, Is.Zero);
            Assert.That(records[0].DeclineCode, Is.EqualTo(declineCode));
        });
    }

    [Test]
    public async Task A_payment_intent_created_unconfirmed_is_confirmed_later()
    {
        var created = await Intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1_000, Currency = "eur" });

        var confirmed = await Intents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo("requires_payment_method"));
            Assert.That(created.AmountReceived, Is.Zero);
            Assert.That(confirmed.Id, Is.EqualTo(created.Id));
            Assert.That(confirmed.Status, Is.EqualTo("succeeded"));
            Assert.That(confirmed.AmountReceived, Is.EqualTo(1_000));
        });
    }

    [Test]
    public async Task A_manual_capture_holds_the_amount_until_captured()
    {
        var options = Charge(Guid.NewGuid().ToString(), "pm_card_visa");
        options.CaptureMethod = "manual";

        var authorised = await Intents.CreateAsync(options);
        var captured = await Intents.CaptureAsync(authorised.Id);

        Assert.Multiple(() =>
        {
            Assert.That(authorised.Status, Is.EqualTo("requires_capture"));
            Assert.That(authorised.AmountCapturable, Is.EqualTo(4_999));
            Assert.That(authorised.AmountReceived, Is.Zero);
            Assert.That(captured.Status, Is.EqualTo("succeeded"));
            Assert.That(captured.AmountReceived, Is.EqualTo(4_999));
        });
    }

    [Test]
    public async Task An_unpaid_payment_intent_can_be_cancelled_but_a_succeeded_one_cannot()
    {
        var unpaid = await Intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 500, Currency = "usd" });
        var paid = await Intents.CreateAsync(Charge(Guid.NewGuid().ToString(), "pm_card_visa"));

        var cancelled = await Intents.CancelAsync(unpaid.Id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" });
        var refused = Assert.ThrowsAsync<StripeException>(() => Intents.CancelAsync(paid.Id));

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.Status, Is.EqualTo("canceled"));
            Assert.That(cancelled.CancellationReason, Is.EqualTo("abandoned"));
            Assert.That(cancelled.CanceledAt, Is.Not.Null);
            Assert.That(refused!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.StripeError.Code, Is.EqualTo("payment_intent_unexpected_state"));
        });
    }

    [Test]
    public void An_unknown_payment_method_or_payment_intent_is_a_missing_resource()
    {
        var unknownCard = Assert.ThrowsAsync<StripeException>(() => Intents.CreateAsync(Charge(Guid.NewGuid().ToString(), "pm_card_nonsense")));
        var unknownIntent = Assert.ThrowsAsync<StripeException>(() => Intents.GetAsync("pi_doesnotexist"));

        Assert.Multiple(() =>
        {
            Assert.That(unknownCard!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownCard.StripeError.Code, Is.EqualTo("resource_missing"));
            Assert.That(unknownCard.StripeError.Param, Is.EqualTo("payment_method"));
            Assert.That(unknownIntent!.HttpStatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknownIntent.StripeError.Code, Is.EqualTo("resource_missing"));
        });
    }

    [Test]
    public async Task A_request_without_a_test_mode_secret_key_is_unauthorised()
    {
        using var anonymous = await Sandbox.Http.PostAsync(new Uri("/v1/payment_intents", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["amount"] = "100", ["currency"] = "usd" }));
        var publishableKey = Assert.ThrowsAsync<StripeException>(() =>
            new PaymentIntentService(Sandbox.Stripe(apiKey: "pk_test_sandbox")).GetAsync("pi_anything"));

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(publishableKey!.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(publishableKey.StripeError.Type, Is.EqualTo("invalid_request_error"));
        });
    }
}
