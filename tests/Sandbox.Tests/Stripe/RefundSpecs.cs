using System.Net;
using Commerce.Sandbox.Tests.Support;
using Stripe;

namespace Commerce.Sandbox.Tests.Stripe;

/// <summary>Refunds through Stripe.net: up to what was captured, never more.</summary>
[TestFixture]
public sealed class RefundSpecs : StripeFixture
{
    private RefundService _refunds = null!;

    // NUnit runs the base's set-up first, so the sandbox is up here.
    [OneTimeSetUp]
    public void CreateRefundService() => _refunds = new RefundService(Sandbox.Stripe());

    private async Task<PaymentIntent> PaidAsync(string orderId, long amount) => await Intents.CreateAsync(ConfirmedCharge(orderId, amount));

    [Test]
    public async Task A_full_refund_returns_the_captured_amount_and_is_recorded_for_the_order()
    {
        var orderId = Guid.NewGuid().ToString();
        var paid = await PaidAsync(orderId, 3_000);

        var refund = await _refunds.CreateAsync(
            new RefundCreateOptions { PaymentIntent = paid.Id, Metadata = new Dictionary<string, string> { ["order_id"] = orderId } },
            new RequestOptions { IdempotencyKey = $"{orderId}:refund" });

        var fetched = await _refunds.GetAsync(refund.Id);
        var refunds = await Sandbox.RefundsAsync(Guid.Parse(orderId));
        var intents = await RecordsAsync(orderId);
        Assert.Multiple(() =>
        {
            Assert.That(refund.Id, Does.StartWith("re_"));
            Assert.That(refund.Status, Is.EqualTo("succeeded"));
            Assert.That(refund.Amount, Is.EqualTo(3_000));
            Assert.That(refund.PaymentIntentId, Is.EqualTo(paid.Id));
            Assert.That(fetched.Id, Is.EqualTo(refund.Id));
            Assert.That(fetched.Amount, Is.EqualTo(3_000));
            Assert.That(refunds.Select(r => (r.Id, r.Amount, r.IdempotencyKey)), Is.EqualTo(new[] { (refund.Id, 3_000L, $"{orderId}:refund") }));
            Assert.That(intents.Single().AmountRefunded, Is.EqualTo(3_000));
        });
    }

    [Test]
    public async Task Partial_refunds_may_not_exceed_the_captured_amount()
    {
        var orderId = Guid.NewGuid().ToString();
        var paid = await PaidAsync(orderId, 1_000);

        var first = await _refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 600 });
        var tooMuch = Assert.ThrowsAsync<StripeException>(() => _refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id, Amount = 500 }));
        var rest = await _refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id });
        var nothingLeft = Assert.ThrowsAsync<StripeException>(() => _refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = paid.Id }));

        var refunds = await Sandbox.RefundsAsync(Guid.Parse(orderId));
        Assert.Multiple(() =>
        {
            Assert.That(first.Amount, Is.EqualTo(600));
            Assert.That(tooMuch!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooMuch.StripeError.Code, Is.EqualTo("amount_too_large"));
            Assert.That(rest.Amount, Is.EqualTo(400));
            Assert.That(nothingLeft!.StripeError.Code, Is.EqualTo("charge_already_refunded"));
            Assert.That(refunds.Sum(r => r.Amount), Is.EqualTo(1_000));
        });
    }

    [Test]
    public async Task A_payment_intent_that_was_never_paid_cannot_be_refunded()
    {
        var unpaid = await Intents.CreateAsync(new PaymentIntentCreateOptions { Amount = 700, Currency = "usd" });

        var refused = Assert.ThrowsAsync<StripeException>(() => _refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = unpaid.Id }));

        Assert.That(refused!.HttpStatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
