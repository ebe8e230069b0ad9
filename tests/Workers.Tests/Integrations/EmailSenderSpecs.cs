using Commerce.Workers.Notifications;
using Commerce.Workers.Tests.Integrations.Support;

namespace Commerce.Workers.Tests.Integrations;

/// <summary>The real <see cref="SendGridEmailSender"/> (SendGrid client, Polly) against the sandbox's SendGrid.</summary>
[TestFixture]
public sealed class EmailSenderSpecs : IntegrationFixture
{
    [Test]
    public async Task A_sent_email_reaches_SendGrid_with_its_order_id_order_number_event_and_event_id_as_custom_args()
    {
        await using var services = Services();
        var email = Email(Guid.NewGuid(), OrderEmailTemplates.EventTypes.Confirmed);

        await services.Get<IEmailSender>().SendAsync(email, CancellationToken.None);

        var mail = await Sandbox.MailAsync(email.OrderId);
        Assert.That(mail, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(mail[0].To, Is.EqualTo(new[] { "customer@example.com" }));
            Assert.That(mail[0].From, Is.EqualTo("orders@commerce.test"));
            Assert.That(mail[0].Subject, Is.EqualTo(email.Subject));
            Assert.That(mail[0].Html, Is.EqualTo(email.Html));
            Assert.That(mail[0].Text, Is.EqualTo(email.Text));
            Assert.That(mail[0].CustomArgs, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["order_id"] = email.OrderId.ToString("D"),
                ["order_number"] = "CM-100000001",
                ["event_type"] = "confirmed",
                ["event_id"] = email.EventId,
            }));
            Assert.That(mail[0].EventId, Is.EqualTo(email.EventId));
            Assert.That(mail[0].Categories, Does.Contain("order-confirmed"));
        });
    }

    [Test]
    public async Task SendGrid_down_ends_in_provider_unavailable_after_the_retries_and_nothing_is_sent()
    {
        await using var services = Services();
        await Sandbox.SetFaultAsync("sendgrid", new { mode = "down" });
        var email = Email(Guid.NewGuid(), OrderEmailTemplates.EventTypes.Shipped);

        Assert.ThrowsAsync<EmailProviderUnavailableException>(() => services.Get<IEmailSender>().SendAsync(email, CancellationToken.None));

        Assert.Multiple(async () =>
        {
            Assert.That(services.Attempts["SendGrid"], Is.EqualTo(4), "the first attempt and 3 retries");
            Assert.That(await Sandbox.MailAsync(email.OrderId), Is.Empty);
        });
    }

    [Test]
    public async Task A_send_after_SendGrid_recovers_goes_through()
    {
        await using var services = Services();
        var sender = services.Get<IEmailSender>();
        var email = Email(Guid.NewGuid(), OrderEmailTemplates.EventTypes.Delivered);
        await Sandbox.SetFaultAsync("sendgrid", new { mode = "error" });
        Assert.ThrowsAsync<EmailProviderUnavailableException>(() => sender.SendAsync(email, CancellationToken.None));

        await Sandbox.ClearFaultsAsync();
        await sender.SendAsync(email, CancellationToken.None);

        Assert.That(await Sandbox.MailAsync(email.OrderId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_request_SendGrid_rejects_is_reported_unavailable_without_retrying()
    {
        await using var services = Services();
        var email = Email(Guid.NewGuid(), OrderEmailTemplates.EventTypes.Cancelled) with { Subject = "" };

        Assert.ThrowsAsync<EmailProviderUnavailableException>(() => services.Get<IEmailSender>().SendAsync(email, CancellationToken.None));

        Assert.That(services.Attempts["SendGrid"], Is.EqualTo(1), "a 400 is not worth retrying");
    }

    [Test]
    public async Task A_request_SendGrid_rejects_is_logged_and_thrown_with_its_status_code_but_not_its_body()
    {
        // No subject: the sandbox answers 400 with SendGrid's error list, which says the subject is required.
        var email = Email(Guid.NewGuid(), OrderEmailTemplates.EventTypes.Cancelled) with { Subject = "" };

        var (e, logs) = await FailureWithLogsAsync<EmailProviderUnavailableException>(s => s.Get<IEmailSender>().SendAsync(email, CancellationToken.None));

        ProviderFailureReport.AssertStatusWithoutBody(e, logs, "SendGrid answered 400", $"rejected the cancelled email of order {email.OrderId:D} with 400", "subject is required");
    }

    [Test]
    public async Task SendGrid_down_is_logged_and_thrown_with_its_status_code_but_not_its_body()
    {
        await Sandbox.SetFaultAsync("sendgrid", new { mode = "down" });
        var email = Email(Guid.NewGuid(), OrderEmailTemplates.EventTypes.Shipped);

        var (e, logs) = await FailureWithLogsAsync<EmailProviderUnavailableException>(s => s.Get<IEmailSender>().SendAsync(email, CancellationToken.None));

        ProviderFailureReport.AssertStatusWithoutBody(e, logs, "SendGrid answered 503", $"SendGrid is unavailable for the shipped email of order {email.OrderId:D}", "Sandbox fault");
    }

    private static OrderEmail Email(Guid orderId, string eventType)
    {
        var rendered = OrderEmailTemplates.Render(eventType, new OrderEmailModel(
            "CM-100000001", "Ada", [new OrderEmailLine("Teapot", 1, 25m, 25m)], 25m, "USD", "SandboxPost", "SBX123", null));
        return new OrderEmail(orderId, "CM-100000001", eventType, $"{orderId:D}:{eventType}", "customer@example.com", rendered.Subject, rendered.Html, rendered.Text);
    }
}
