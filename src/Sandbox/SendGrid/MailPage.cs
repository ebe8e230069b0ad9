using System.Globalization;
using System.Net;
using System.Text;

namespace Commerce.Sandbox.SendGrid;

/// <summary>
/// The <c>/mail</c> page for people trying the system out: a page of <see cref="PageSize"/>
/// messages, newest first, filtered by order id or order number, each with its text part; the HTML
/// part is on the message's own page (<see cref="MessagePage"/>), so a page's size does not grow
/// with the mail recorded. The first page refreshes itself: a script fetches it again every
/// <see cref="RefreshSeconds"/> seconds and swaps in the table when a newer message has arrived.
/// </summary>
internal static class MailPage
{
    public const int PageSize = 50;

    public const int RefreshSeconds = 3;

    private const string Style =
        "<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}"
        + "pre{white-space:pre-wrap;margin:0;max-width:60rem}iframe{width:60rem;height:24rem;border:1px solid #ccc}form{margin-bottom:1rem}nav a{margin-right:1rem}</style>";

    // Replaces the listing when the newest message on the server differs from the one shown; open
    // bodies and the scroll position stay as they are until then.
    private static readonly string RefreshScript =
        "<script>setInterval(async()=>{try{const r=await fetch(location.href,{cache:'no-store'});if(!r.ok)return;"
        + "const d=new DOMParser().parseFromString(await r.text(),'text/html');const now=document.getElementById('listing'),next=d.getElementById('listing');"
        + "if(now&&next&&now.dataset.newest!==next.dataset.newest){now.replaceWith(next);}}catch(e){}},"
        + (RefreshSeconds * 1000).ToString(CultureInfo.InvariantCulture) + ");</script>";

    public static string Render(MailListing listing, MailQuery query)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Sandbox mail</title>").Append(Style)
            .Append("</head><body><h1>Mail sent through the sandbox</h1>")
            .Append("<form method=\"get\" action=\"/mail\"><label>Order number <input name=\"orderNumber\" value=\"").Append(Encode(query.OrderNumber))
            .Append("\" placeholder=\"CM-100000001\"></label> <label>Order id <input name=\"orderId\" size=\"36\" value=\"").Append(Encode(query.OrderId))
            .Append("\"></label> <button>Filter</button> <a href=\"/mail\">All mail</a></form>");
        AppendListing(html, listing, query);
        if (listing.Page == 1)
        {
            html.Append(RefreshScript);
        }

        return html.Append("</body></html>").ToString();
    }

    private static void AppendListing(StringBuilder html, MailListing listing, MailQuery query)
    {
        html.Append("<div id=\"listing\" data-newest=\"").Append(Encode(listing.Page == 1 && listing.Items.Count > 0 ? listing.Items[0].MessageId : "")).Append("\">");
        if (listing.Total == 0)
        {
            html.Append(query.IsEmpty
                ? "<p>No mail yet. Check out an order and its emails appear here.</p>"
                : "<p>No mail for this order (yet).</p>");
        }
        else
        {
            html.Append("<p>").Append(listing.Total.ToString(CultureInfo.InvariantCulture)).Append(" message(s), newest first; page ")
                .Append(listing.Page.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(listing.Pages.ToString(CultureInfo.InvariantCulture))
                .Append(listing.Page == 1 ? $", refreshed every {RefreshSeconds} s" : "").Append(".</p>");
            AppendNavigation(html, listing, query);
            html.Append("<table><tr><th>Sent</th><th>To</th><th>Subject</th><th>Order number</th><th>Order</th><th>Body</th></tr>");
            foreach (var m in listing.Items)
            {
                html.Append("<tr data-message=\"").Append(Encode(m.MessageId)).Append("\"><td>").Append(Encode(m.At.ToString("u", CultureInfo.InvariantCulture)))
                    .Append("</td><td>").Append(Encode(string.Join(", ", m.To)))
                    .Append("</td><td>").Append(Encode(m.Subject))
                    .Append("</td><td>").Append(Encode(m.OrderNumber))
                    .Append("</td><td>").Append(Encode(m.OrderId))
                    .Append("</td><td>");
                if (m.Text is not null)
                {
                    html.Append("<details><summary>Text</summary><pre>").Append(Encode(m.Text)).Append("</pre></details>");
                }

                html.Append("<a href=\"/mail/").Append(Uri.EscapeDataString(m.MessageId)).Append("\">Open</a></td></tr>");
            }

            html.Append("</table>");
            AppendNavigation(html, listing, query);
        }

        html.Append("</div>");
    }

    private static void AppendNavigation(StringBuilder html, MailListing listing, MailQuery query)
    {
        html.Append("<nav>");
        if (listing.Page > 1)
        {
            html.Append("<a rel=\"prev\" href=\"").Append(Encode(Link(query, listing.Page - 1))).Append("\">Newer</a>");
        }

        if (listing.Page < listing.Pages)
        {
            html.Append("<a rel=\"next\" href=\"").Append(Encode(Link(query, listing.Page + 1))).Append("\">Older</a>");
        }

        html.Append("</nav>");
    }

    private static string Link(MailQuery query, int page)
    {
        var parts = new List<string> { "page=" + page.ToString(CultureInfo.InvariantCulture) };
        if (query.OrderNumber is not null)
        {
            parts.Add("orderNumber=" + Uri.EscapeDataString(query.OrderNumber));
        }

        if (query.OrderId is not null)
        {
            parts.Add("orderId=" + Uri.EscapeDataString(query.OrderId));
        }

        return "/mail?" + string.Join('&', parts);
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
