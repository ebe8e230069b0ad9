using System.Net;
using System.Net.Http.Json;
using System.Text;
using Commerce.Sandbox.Tests.Support;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Commerce.Sandbox.Tests.SendGrid;

/// <summary>Mail through the real SendGrid client, pointed at the sandbox by its host only.</summary>
[TestFixture]
public sealed class MailSendSpecs : SandboxFixture
{
    private SendGridClient _client = null!;

    // NUnit runs the base's set-up first, so the sandbox is up here.
    [OneTimeSetUp]
    public void CreateClient() => _client = Sandbox.SendGrid();

    private static SendGridMessage Message(string orderId, string eventId, string subject)
    {
        var message = MailHelper.CreateSingleEmail(
            new EmailAddress("shop@example.com", "Commerce"),
            new EmailAddress("customer@example.com", "A Customer"),
            subject,
            $"Thank you for order {orderId}.",
            $"<p>Thank you for order <b>{orderId}</b>.</p>");
        message.AddCustomArg("order_id", orderId);
        message.AddCustomArg("event_id", eventId);
        return message;
    }

    [Test]
    public async Task A_sent_message_is_accepted_and_stored_with_its_order_and_event()
    {
        var orderId = Guid.NewGuid().ToString();
        var eventId = Guid.NewGuid().ToString();

        var response = await _client.SendEmailAsync(Message(orderId, eventId, "Your order is confirmed"));

        var byOrder = await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}");
        var byEvent = await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}&eventId={eventId}");
        var otherEvent = await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}&eventId={Guid.NewGuid()}");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(response.IsSuccessStatusCode, Is.True);
            Assert.That(response.Headers.GetValues("X-Message-Id").Single(), Is.Not.Empty);
            Assert.That(byOrder, Has.Count.EqualTo(1));
            Assert.That(byEvent, Has.Count.EqualTo(1));
            Assert.That(otherEvent, Is.Empty);
        });
        var mail = byOrder[0];
        Assert.Multiple(() =>
        {
            Assert.That(mail.From, Is.EqualTo("shop@example.com"));
            Assert.That(mail.To, Is.EqualTo(new[] { "customer@example.com" }));
            Assert.That(mail.Subject, Is.EqualTo("Your order is confirmed"));
            Assert.That(mail.Text, Is.EqualTo($"Thank you for order {orderId}."));
            Assert.That(mail.Html, Is.EqualTo($"<p>Thank you for order <b>{orderId}</b>.</p>"));
            Assert.That(mail.OrderId, Is.EqualTo(orderId));
            Assert.That(mail.EventId, Is.EqualTo(eventId));
        });
    }

    [Test]
    public async Task The_mail_page_lists_messages_newest_first_with_subject_recipient_order_and_body()
    {
        var orderId = Guid.NewGuid().ToString();
        await _client.SendEmailAsync(Message(orderId, Guid.NewGuid().ToString(), $"Confirmed {orderId}"));
        await _client.SendEmailAsync(Message(orderId, Guid.NewGuid().ToString(), $"Shipped {orderId}"));

        var page = await Sandbox.Http.GetStringAsync(new Uri("/mail", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain($"Confirmed {orderId}").And.Contain($"Shipped {orderId}"));
            Assert.That(page.IndexOf($"Shipped {orderId}", StringComparison.Ordinal), Is.LessThan(page.IndexOf($"Confirmed {orderId}", StringComparison.Ordinal)));
            Assert.That(page, Does.Contain("customer@example.com"));
            Assert.That(page, Does.Contain($"<td>{orderId}</td>"));
            Assert.That(page, Does.Contain($"Thank you for order {orderId}."));
            // The HTML part is shown in a sandboxed frame, escaped: it cannot change the page itself.
            Assert.That(page, Does.Not.Contain($"<b>{orderId}</b>"));
        });
    }

    [Test]
    public async Task Each_personalization_is_one_message_with_the_message_custom_args_merged_into_its_own()
    {
        var orderId = Guid.NewGuid().ToString();
        var message = new SendGridMessage { From = new EmailAddress("shop@example.com") };
        message.SetGlobalSubject("Two recipients");
        message.AddContent(MimeType.Text, "Hello");
        message.AddGlobalCustomArg("order_id", orderId);
        message.AddTo(new EmailAddress("first@example.com"), personalizationIndex: 0);
        message.AddCustomArg("event_id", "first-event", personalizationIndex: 0);
        message.AddTo(new EmailAddress("second@example.com"), personalizationIndex: 1);
        message.AddCustomArg("event_id", "second-event", personalizationIndex: 1);

        var response = await _client.SendEmailAsync(message);

        var stored = await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(stored.Select(m => (m.To.Single(), m.Subject, m.EventId)), Is.EquivalentTo(new[]
            {
                ("first@example.com", "Two recipients", "first-event"),
                ("second@example.com", "Two recipients", "second-event"),
            }));
        });
    }

    [Test]
    public async Task A_personalization_without_a_subject_is_refused_when_there_is_no_global_one()
    {
        var orderId = Guid.NewGuid().ToString();
        var message = Message(orderId, Guid.NewGuid().ToString(), "Only the first personalization has this subject");
        message.AddTo(new EmailAddress("second@example.com"), personalizationIndex: 1);

        var response = await _client.SendEmailAsync(message);

        var errors = await response.Body.ReadAsStringAsync();
        var stored = await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(errors, Does.Contain("\"field\":\"subject\""));
            Assert.That(stored, Is.Empty);
        });
    }

    [Test]
    public async Task A_send_without_a_key_or_without_recipients_is_refused_in_SendGrid_s_shape()
    {
        using var body = new StringContent("""{"from":{"email":"shop@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", Encoding.UTF8, "application/json");
        using var anonymous = await Sandbox.Http.PostAsync(new Uri("/v3/mail/send", UriKind.Relative), body);
        var noRecipients = await _client.RequestAsync(BaseClient.Method.POST,
            """{"from":{"email":"shop@example.com"},"subject":"s","content":[{"type":"text/plain","value":"x"}]}""", urlPath: "mail/send");

        var errors = await noRecipients.DeserializeResponseBodyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(noRecipients.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(errors, Does.ContainKey("errors"));
        });
    }

    [TestCase("down", HttpStatusCode.ServiceUnavailable)]
    [TestCase("error", HttpStatusCode.InternalServerError)]
    public async Task A_faulty_SendGrid_stores_nothing(string mode, HttpStatusCode expected)
    {
        var orderId = Guid.NewGuid().ToString();
        await Sandbox.SetFaultAsync("sendgrid", new { mode });

        var response = await _client.SendEmailAsync(Message(orderId, Guid.NewGuid().ToString(), "Lost"));

        var stored = await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}");
        var errors = await response.Body.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(errors, Does.ContainKey("errors"));
            Assert.That(stored, Is.Empty);
        });
    }
}
