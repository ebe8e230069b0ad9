using Commerce.Workers.Notifications;

namespace Commerce.Workers.Tests.Integrations;

[TestFixture]
public sealed class OrderEmailTemplateSpecs
{
    private const string Hostile = "<script>alert('x')</script> & \"Tea\" <b>pot</b>";

    private static readonly OrderEmailModel Order = new(
        "CM-100000042",
        "Ada <img src=x onerror=alert(1)>",
        [new OrderEmailLine(Hostile, 2, 12.5m, 25m), new OrderEmailLine("Cup", 3, 4m, 12m)],
        37m,
        "USD",
        "SandboxPost",
        "SBX<123>",
        "Card <declined>");

    private static IEnumerable<string> EventTypes => OrderEmailTemplates.EventTypes.All;

    [TestCaseSource(nameof(EventTypes))]
    public void Every_template_shows_the_order_lines_and_total_and_encodes_every_value(string eventType)
    {
        var email = OrderEmailTemplates.Render(eventType, Order);

        Assert.Multiple(() =>
        {
            Assert.That(email.Subject, Does.Contain("CM-100000042"));
            Assert.That(email.Text, Does.Contain("Order CM-100000042"));
            Assert.That(email.Html, Does.Contain("<p>Order CM-100000042</p>"));
            Assert.That(email.Html, Does.Not.Contain("<script>").And.Not.Contain("<b>pot").And.Not.Contain("<img").And.Not.Contain("SBX<123>").And.Not.Contain("<declined>"));
            Assert.That(email.Html, Does.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Tea&quot; &lt;b&gt;pot&lt;/b&gt;"));
            Assert.That(email.Html, Does.Contain("&lt;img src=x onerror=alert(1)&gt;"));
            Assert.That(email.Html, Does.Contain("Cup").And.Contain("12.50 USD").And.Contain("25.00 USD").And.Contain("12.00 USD").And.Contain("37.00 USD"));
            Assert.That(email.Text, Does.Contain($"2 x {Hostile} @ 12.50 USD = 25.00 USD"));
            Assert.That(email.Text, Does.Contain("3 x Cup @ 4.00 USD = 12.00 USD"));
            Assert.That(email.Text, Does.Contain("Total: 37.00 USD"));
        });
    }

    [TestCase("shipped")]
    [TestCase("delivered")]
    public void Shipping_emails_show_the_carrier_and_tracking_number(string eventType)
    {
        var email = OrderEmailTemplates.Render(eventType, Order);

        Assert.Multiple(() =>
        {
            Assert.That(email.Text, Does.Contain("Carrier: SandboxPost, tracking number: SBX<123>"));
            Assert.That(email.Html, Does.Contain("SBX&lt;123&gt;"));
        });
    }

    [TestCase("rejected")]
    [TestCase("payment-failed")]
    [TestCase("cancelled")]
    public void Unhappy_emails_show_the_reason(string eventType)
    {
        var email = OrderEmailTemplates.Render(eventType, Order);

        Assert.Multiple(() =>
        {
            Assert.That(email.Text, Does.Contain("Reason: Card <declined>"));
            Assert.That(email.Html, Does.Contain("Reason: Card &lt;declined&gt;"));
        });
    }

    [Test]
    public void An_unknown_event_has_no_template() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderEmailTemplates.Render("refunded", Order));
}
