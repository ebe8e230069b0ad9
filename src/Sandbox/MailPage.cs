using System.Net;
using System.Text;

namespace Commerce.Sandbox;

/// <summary>A plain HTML list of sent mail, newest first, for people trying the system out.</summary>
internal static class MailPage
{
    public static string Render(IReadOnlyList<SentMail> mail)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Sandbox mail</title>")
            .Append("<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top}</style>")
            .Append("</head><body><h1>Mail sent through the sandbox</h1>");
        if (mail.Count == 0)
        {
            html.Append("<p>No mail yet. Check out an order and its emails appear here.</p>");
        }
        else
        {
            html.Append("<table><tr><th>Sent</th><th>To</th><th>Subject</th><th>Order</th><th>Body</th></tr>");
            foreach (var m in mail.Reverse())
            {
                html.Append("<tr><td>").Append(Encode(m.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture)))
                    .Append("</td><td>").Append(Encode(m.To))
                    .Append("</td><td>").Append(Encode(m.Subject))
                    .Append("</td><td>").Append(Encode(m.OrderId ?? ""))
                    .Append("</td><td>").Append(Encode(m.Body))
                    .Append("</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
