using Commerce.Workers.Notifications;
using Commerce.Workers.Payments;
using Commerce.Workers.Tests.Integrations.Support;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>
/// No provider answer, key or token in a log (reliability plan S12): the real clients, their HTTP
/// clients and Polly log at every level while they charge and send.
/// </summary>
[TestFixture]
public sealed class ProviderLogSpecs : IntegrationFixture
{
    [Test]
    public async Task A_charge_and_an_email_log_no_client_secret_and_no_key_at_any_level()
    {
        var logs = new CapturedLogs();
        await using var services = IntegrationServices.Create(IntegrationServices.SandboxSettings(Sandbox.BaseAddress), logs);
        var orderId = Guid.NewGuid();

        var outcome = await services.Get<IPaymentGateway>().ChargeAsync(
            new ChargeRequest(orderId, 1_999, "USD", "pm_card_visa", IdempotencyKeys.Charge(orderId)), CancellationToken.None);
        var rendered = OrderEmailTemplates.Render(OrderEmailTemplates.EventTypes.Confirmed, new OrderEmailModel(
            "CM-100000001", "Ada", [new OrderEmailLine("Teapot", 1, 19.99m, 19.99m)], 19.99m, "USD", null, null, null));
        await services.Get<IEmailSender>().SendAsync(
            new OrderEmail(orderId, "CM-100000001", OrderEmailTemplates.EventTypes.Confirmed, $"{orderId:D}:confirmed", "customer@example.com", rendered.Subject, rendered.Html, rendered.Text),
            CancellationToken.None);

        var text = logs.Text;
        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.TypeOf<PaymentOutcome.Captured>());
            // The pipeline's attempt was logged, with the result's type in place of the result.
            Assert.That(text, Does.Contain("Execution attempt").And.Contain("Result: 'PaymentIntent'"));
            Assert.That(text, Does.Not.Contain("_secret_"), "a PaymentIntent's client_secret");
            Assert.That(text, Does.Not.Contain("\"object\""), "a provider's JSON");
            Assert.That(text, Does.Not.Contain(IntegrationServices.StripeApiKey));
            Assert.That(text, Does.Not.Contain("sandbox-workers-specs"), "the SendGrid key");
        });
    }
}
