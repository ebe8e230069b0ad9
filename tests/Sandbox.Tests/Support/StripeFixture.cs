using Stripe;

namespace Commerce.Sandbox.Tests.Support;

/// <summary>A sandbox fixture that charges through Stripe.net's PaymentIntentService and reads back what the sandbox recorded.</summary>
public abstract class StripeFixture : SandboxFixture
{
    protected PaymentIntentService Intents { get; private set; } = null!;

    // NUnit runs the base's set-up first, so the sandbox is up here.
    [OneTimeSetUp]
    public void CreateIntentService() => Intents = new PaymentIntentService(Sandbox.Stripe());

    /// <summary>The PaymentIntents the sandbox recorded for the order (by the order_id metadata).</summary>
    protected Task<IReadOnlyList<PaymentIntentRecord>> RecordsAsync(string orderId) => Sandbox.PaymentIntentsAsync(Guid.Parse(orderId));
}
