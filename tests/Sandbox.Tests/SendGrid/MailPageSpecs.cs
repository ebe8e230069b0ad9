using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Commerce.Sandbox.Tests.Support;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Commerce.Sandbox.Tests.SendGrid;

/// <summary>
/// The <c>/mail</c> page with as much mail as a long fault run records: pages of at most 50,
/// newest first, filtered by order id or order number, the HTML parts on each message's own page.
/// The page's size is asserted, not its speed: a page that does not grow with the mail recorded
/// loads as fast with 10 000 messages as with 10.
/// </summary>
[TestFixture]
public sealed partial class MailPageSpecs : SandboxFixture
{
    private const int Recorded = 10_000;

    /// <summary>SendGrid's limit of personalizations (recipients) in one send.</summary>
    private const int PerSend = 1_000;

    /// <summary>A realistic order email's HTML part (~3 KB): listing it on the page would make 10 000 of them 30 MB.</summary>
    private static readonly string Html = "<!doctype html><html><body><table>" + string.Concat(Enumerable.Repeat("<tr><td>Teapot</td><td>1</td><td>25.00 USD</td></tr>", 60)) + "</table></body></html>";

    private SendGridClient _client = null!;

    [OneTimeSetUp]
    public async Task RecordTenThousandMessages()
    {
        _client = Sandbox.SendGrid();
        for (var send = 0; send < Recorded / PerSend; send++)
        {
            var message = new SendGridMessage { From = new EmailAddress("shop@example.com") };
            message.AddContent(MimeType.Text, "Hello, your order is on its way.");
            message.AddContent(MimeType.Html, Html);
            for (var i = 0; i < PerSend; i++)
            {
                var n = (send * PerSend) + i;
                message.AddTo(new EmailAddress($"customer{n}@example.com"), personalizationIndex: i);
                message.SetSubject($"Mail {n}", i);
                message.AddCustomArg("order_id", OrderId(n).ToString("D"), personalizationIndex: i);
                message.AddCustomArg("order_number", OrderNumber(n), personalizationIndex: i);
            }

            var response = await _client.SendEmailAsync(message);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Body.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task With_ten_thousand_messages_recorded_the_page_shows_the_newest_fifty_and_stays_small()
    {
        using var response = await Sandbox.Http.GetAsync(new Uri("/mail", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var page = Encoding.UTF8.GetString(bytes);

        var subjects = Subjects(page);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Rows(page), Is.EqualTo(50));
            Assert.That(subjects, Is.EqualTo(Enumerable.Range(Recorded - 50, 50).Reverse().Select(n => $"Mail {n}")), "newest first");
            Assert.That(bytes.Length, Is.LessThan(64 * 1024), "the page does not grow with the mail recorded");
            Assert.That(page, Does.Contain("10000 message(s)").And.Contain("page 1 of 200"));
            Assert.That(page, Does.Contain("href=\"/mail?page=2\""), "a link to the older mail");
        });
    }

    [Test]
    public async Task A_later_page_continues_where_the_one_before_ended()
    {
        var second = await Sandbox.Http.GetStringAsync(new Uri("/mail?page=2", UriKind.Relative));
        var last = await Sandbox.Http.GetStringAsync(new Uri("/mail?page=200", UriKind.Relative));
        var beyond = await Sandbox.Http.GetStringAsync(new Uri("/mail?page=201", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(Subjects(second), Is.EqualTo(Enumerable.Range(Recorded - 100, 50).Reverse().Select(n => $"Mail {n}")));
            Assert.That(Subjects(last), Is.EqualTo(Enumerable.Range(0, 50).Reverse().Select(n => $"Mail {n}")));
            Assert.That(last, Does.Contain("href=\"/mail?page=199\"").And.Not.Contain("rel=\"next\""));
            Assert.That(Rows(beyond), Is.Zero);
        });
    }

    [TestCase("orderNumber=CM-100004321")]
    [TestCase("orderNumber=cm-100004321")]
    [TestCase("orderNumber=100004321")]
    public async Task The_page_filters_by_order_number(string filter)
    {
        var page = await Sandbox.Http.GetStringAsync(new Uri($"/mail?{filter}", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(Subjects(page), Is.EqualTo(new[] { "Mail 4321" }));
            Assert.That(page, Does.Contain("<td>CM-100004321</td>"));
        });
    }

    [Test]
    public async Task The_page_filters_by_order_id_and_says_so_when_nothing_matches()
    {
        var page = await Sandbox.Http.GetStringAsync(new Uri($"/mail?orderId={OrderId(1234):D}", UriKind.Relative));
        var upperCase = await Sandbox.Http.GetStringAsync(new Uri($"/mail?orderId={OrderId(1234).ToString("D").ToUpperInvariant()}", UriKind.Relative));
        var none = await Sandbox.Http.GetStringAsync(new Uri($"/mail?orderId={Guid.NewGuid():D}", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(Subjects(page), Is.EqualTo(new[] { "Mail 1234" }));
            Assert.That(Subjects(upperCase), Is.EqualTo(new[] { "Mail 1234" }));
            Assert.That(Rows(none), Is.Zero);
            Assert.That(none, Does.Contain("No mail for this order"));
        });
    }

    [Test]
    public async Task Only_the_first_page_refreshes_itself()
    {
        var first = await Sandbox.Http.GetStringAsync(new Uri("/mail", UriKind.Relative));
        var second = await Sandbox.Http.GetStringAsync(new Uri("/mail?page=2", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Contain("setInterval(").And.Contain("fetch(location.href"));
            Assert.That(NewestMarker().Match(first).Groups[1].Value, Is.Not.Empty, "the newest message the script compares with");
            Assert.That(second, Does.Not.Contain("setInterval("), "an older page stays as it is");
        });
    }

    [Test]
    public async Task A_message_opens_on_a_page_of_its_own_with_its_HTML_part_in_a_sandboxed_frame()
    {
        var list = await Sandbox.Http.GetStringAsync(new Uri("/mail?orderNumber=CM-100000007", UriKind.Relative));
        var messageId = MessageLink().Match(list).Groups[1].Value;

        var message = await Sandbox.Http.GetStringAsync(new Uri($"/mail/{messageId}", UriKind.Relative));
        using var unknown = await Sandbox.Http.GetAsync(new Uri("/mail/no-such-message", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(list, Does.Not.Contain("<iframe"), "the list carries no HTML parts");
            Assert.That(message, Does.Contain("<h1>Mail 7</h1>").And.Contain("customer7@example.com").And.Contain("CM-100000007"));
            Assert.That(message, Does.Contain("<iframe sandbox srcdoc=\"&lt;!doctype html&gt;"));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_page_below_one_is_refused()
    {
        using var response = await Sandbox.Http.GetAsync(new Uri("/mail?page=0", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private static Guid OrderId(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static string OrderNumber(int n) => $"CM-{100_000_000 + n}";

    private static int Rows(string page) => RowMarker().Count(page);

    private static List<string> Subjects(string page) => [.. SubjectCell().Matches(page).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-message=")]
    private static partial Regex RowMarker();

    // The third cell of a row: To, then Subject.
    [GeneratedRegex("<tr data-message=\"[^\"]*\"><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>")]
    private static partial Regex SubjectCell();

    [GeneratedRegex("data-newest=\"([^\"]*)\"")]
    private static partial Regex NewestMarker();

    [GeneratedRegex("href=\"/mail/([^\"]+)\"")]
    private static partial Regex MessageLink();
}
