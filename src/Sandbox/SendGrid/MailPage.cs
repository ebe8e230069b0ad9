using System.Globalization;
using System.Net;
using System.Text;

namespace Commerce.Sandbox.SendGrid;

/// <summary>A plain HTML list of sent mail, newest first, for people trying the system out.</summary>
internal static class MailPage
{
    public static string Render(IReadOnlyList<SentMail> mail)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Sandbox mail</title>")
            .Append("<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}")
            .Append("pre{white-space:pre-wrap;margin:0;max-width:60rem}iframe{width:60rem;height:24rem;border:1px solid #ccc}</style>")
            .Append("</head><body><h1>Mail sent through the sandbox</h1>");
        if (mail.Count == 0)
        {
            html.Append("<p>No mail yet. Check out an order and its emails appear here.</p>");
        }
        else
        {
            html.Append("<p>").Append(mail.Count).Append(" message(s), newest first.</p>")
                .Append("<table><tr><th>Sent</th><th>To</th><th>Subject</th><th>Order</th><th>Body</th></tr>");
            foreach (var m in mail.Reverse())
            {
                html.Append("<tr><td>").Append(Encode(m.At.ToString("u", CultureInfo.InvariantCulture)))
                    .Append("</td><td>").Append(Encode(string.Join(", ", m.To)))
                    .Append("</td><td>").Append(Encode(m.Subject))
                    .Append("</td><td>").Append(Encode(m.OrderId ?? ""))
                    .Append("</td><td>");
                AppendBody(html, m);
                html.Append("</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    // The text part as text; the HTML part rendered in a sandboxed frame (no scripts, no forms), so a
    // message's markup can neither break this page nor run anything in it.
    private static void AppendBody(StringBuilder html, SentMail m)
    {
        if (m.Text is not null)
        {
            html.Append("<pre>").Append(Encode(m.Text)).Append("</pre>");
        }

        if (m.Html is not null)
        {
            html.Append("<details").Append(m.Text is null ? " open" : "").Append("><summary>HTML</summary><iframe sandbox srcdoc=\"")
                .Append(Encode(m.Html)).Append("\"></iframe></details>");
        }
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
