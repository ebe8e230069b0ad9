using System.Globalization;
using System.Net;
using System.Text;

namespace Commerce.Sandbox.SendGrid;

/// <summary>One message of the mail page: its headers, its text part, and its HTML part as it renders.</summary>
internal static class MessagePage
{
    public static string Render(SentMail m)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(m.Subject)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;margin:2rem}pre{white-space:pre-wrap;max-width:60rem}iframe{width:60rem;height:32rem;border:1px solid #ccc}</style>")
            .Append("</head><body><p><a href=\"/mail\">All mail</a></p><h1>").Append(Encode(m.Subject)).Append("</h1><dl>")
            .Append("<dt>Sent</dt><dd>").Append(Encode(m.At.ToString("u", CultureInfo.InvariantCulture))).Append("</dd>")
            .Append("<dt>From</dt><dd>").Append(Encode(m.From)).Append("</dd>")
            .Append("<dt>To</dt><dd>").Append(Encode(string.Join(", ", m.To))).Append("</dd>")
            .Append("<dt>Order number</dt><dd>").Append(Encode(m.OrderNumber)).Append("</dd>")
            .Append("<dt>Order</dt><dd>").Append(Encode(m.OrderId)).Append("</dd></dl>");
        if (m.Text is not null)
        {
            html.Append("<h2>Text</h2><pre>").Append(Encode(m.Text)).Append("</pre>");
        }

        // The HTML part in a sandboxed frame (no scripts, no forms), so a message's markup can
        // neither break this page nor run anything in it.
        if (m.Html is not null)
        {
            html.Append("<h2>HTML</h2><iframe sandbox srcdoc=\"").Append(Encode(m.Html)).Append("\"></iframe>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
