using Stripe;

namespace Commerce.Sandbox.Tests.Support;

/// <summary>A sandbox fixture that charges through Stripe.net's PaymentIntentService and reads back what the sandbox recorded.</summary>
public abstract class StripeFixture : SandboxFixture
{
    protected PaymentIntentService Intents { get; private set; } = null!;

    // NUnit runs the base's set-up first, so the sandbox is up here.
    [OneTimeSetUp]
    public void CreateIntentService() => Intents = new PaymentIntentService(Sandbox.Stripe());

    /// <summary>A PaymentIntent confirmed on creation, with its order in the metadata as the Workers put it.</summary>
    protected static PaymentIntentCreateOptions ConfirmedCharge(string orderId, long amount, string paymentMethod = "pm_card_visa") => new()
    {
        Amount = amount,
        Currency = "usd",
        PaymentMethod = paymentMethod,
        Confirm = true,
        Metadata = new Dictionary<string, string> { ["order_id"] = orderId },
    };

    /// <summary>The PaymentIntents the sandbox recorded for the order (by the order_id metadata).</summary>
    protected Task<IReadOnlyList<PaymentIntentRecord>> RecordsAsync(string orderId) => Sandbox.PaymentIntentsAsync(Guid.Parse(orderId));
}
