using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Sandbox.Tests.Support;
using SendGrid.Helpers.Mail;
using Stripe;

namespace Commerce.Sandbox.Tests.Controls;

/// <summary>The /sandbox switches themselves: fault settings are validated, and reset forgets everything recorded.</summary>
[TestFixture]
public sealed class SandboxControlSpecs : SandboxFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Nobody listens here: the fulfilment below only has to be recorded.
        ["Sandbox:Warehouse:DispatchAfter"] = "00:10:00",
    };

    private async Task<HttpResponseMessage> PutFaultAsync(string target, object body) =>
        await Sandbox.Http.PutAsJsonAsync(new Uri($"/sandbox/faults/{target}", UriKind.Relative), body);

    [Test]
    public async Task A_fault_is_stored_as_sent_and_shown_until_cleared()
    {
        using var put = await PutFaultAsync("sendgrid", new { mode = "timeout", errorRate = 0.25, timeoutSeconds = 3 });
        var set = await Sandbox.GetAsync<JsonElement>("/sandbox/faults");
        await Sandbox.ClearFaultsAsync();
        var cleared = await Sandbox.GetAsync<JsonElement>("/sandbox/faults");

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(set.GetProperty("sendgrid").GetProperty("mode").GetString(), Is.EqualTo("timeout"));
            Assert.That(set.GetProperty("sendgrid").GetProperty("errorRate").GetDouble(), Is.EqualTo(0.25));
            Assert.That(set.GetProperty("sendgrid").GetProperty("timeoutSeconds").GetDouble(), Is.EqualTo(3));
            Assert.That(set.GetProperty("stripe").GetProperty("mode").GetString(), Is.EqualTo("none"));
            Assert.That(cleared.GetProperty("sendgrid").GetProperty("mode").GetString(), Is.EqualTo("none"));
        });
    }

    [Test]
    public async Task Invalid_fault_settings_are_refused_with_the_fields_named()
    {
        using var invalid = await PutFaultAsync("stripe", new { mode = "sometimes", errorRate = 1.5, timeoutSeconds = -1 });
        using var dropOnSendGrid = await PutFaultAsync("sendgrid", new { mode = "none", dropAfterCommitRate = 0.5 });
        using var unknownTarget = await PutFaultAsync("paypal", new { mode = "error" });

        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "mode", "errorRate", "timeoutSeconds" }));
            Assert.That(dropOnSendGrid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownTarget.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Reset_forgets_payments_mail_fulfilments_and_idempotency_keys()
    {
        var orderId = Guid.NewGuid().ToString();
        var intents = new PaymentIntentService(Sandbox.Stripe());
        var key = new RequestOptions { IdempotencyKey = $"{orderId}:charge" };
        var charge = new PaymentIntentCreateOptions
        {
            Amount = 800, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true,
            Metadata = new Dictionary<string, string> { ["order_id"] = orderId },
        };
        await intents.CreateAsync(charge, key);
        var mail = MailHelper.CreateSingleEmail(new EmailAddress("shop@example.com"), new EmailAddress("c@example.com"), "s", "t", null);
        mail.AddCustomArg("order_id", orderId);
        await Sandbox.SendGrid().SendEmailAsync(mail);
        using var fulfilment = await Sandbox.Http.PostAsJsonAsync(new Uri("/warehouse/v1/fulfillments", UriKind.Relative), new
        {
            orderId, lines = new[] { new { sku = "S", quantity = 1 } }, shippingAddress = new { name = "n" }, requestId = orderId,
        });
        var before = await CountsAsync(orderId);

        using var reset = await Sandbox.Http.PostAsync(new Uri("/sandbox/reset", UriKind.Relative), null);
        var after = await CountsAsync(orderId);
        // The key is forgotten too: reusing it with other parameters is a new request, not an error.
        charge.Amount = 801;
        var reused = await intents.CreateAsync(charge, key);

        Assert.Multiple(() =>
        {
            Assert.That(fulfilment.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(before, Is.EqualTo((1, 1, 1)));
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after, Is.EqualTo((0, 0, 0)));
            Assert.That(reused.Amount, Is.EqualTo(801));
        });
    }

    private async Task<(int Payments, int Mail, int Fulfilments)> CountsAsync(string orderId) => (
        (await Sandbox.GetAsync<List<PaymentIntentRecord>>($"/sandbox/stripe/payment-intents?orderId={orderId}")).Count,
        (await Sandbox.GetAsync<List<MailRecord>>($"/sandbox/mail?orderId={orderId}")).Count,
        (await Sandbox.GetAsync<List<FulfillmentRecord>>($"/sandbox/warehouse/fulfillments?orderId={orderId}")).Count);
}
