using System.Globalization;
using System.Net;
using System.Text;

namespace Commerce.Workers.Notifications;

/// <summary>
/// One template per order event, each rendering a subject, an HTML body and a text body with the
/// order's lines and total (and tracking, or the reason, where the event has one). Every value is
/// HTML-encoded in the HTML body, so a product or customer name can never inject markup.
/// </summary>
public static class OrderEmailTemplates
{
    /// <summary>The event types, as <see cref="OrderEmail.EventType"/> and the <c>event_type</c> custom arg carry them.</summary>
    public static class EventTypes
    {
        public const string Confirmed = "confirmed";
        public const string Rejected = "rejected";
        public const string PaymentFailed = "payment-failed";
        public const string Shipped = "shipped";
        public const string Delivered = "delivered";
        public const string Cancelled = "cancelled";

        public static IReadOnlyList<string> All { get; } = [Confirmed, Rejected, PaymentFailed, Shipped, Delivered, Cancelled];
    }

    public static RenderedEmail Render(string eventType, OrderEmailModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var template = eventType switch
        {
            EventTypes.Confirmed => new Template(
                "Your order {0} is confirmed",
                "Thank you for your order. We have received your payment and are preparing your items.",
                null),
            EventTypes.Rejected => new Template(
                "We could not accept your order {0}",
                "Sorry: some items of your order are no longer in stock, so we could not accept it. You have not been charged.",
                ReasonLine),
            EventTypes.PaymentFailed => new Template(
                "Payment for your order {0} failed",
                "We could not take the payment for your order, so it has not been placed. You have not been charged.",
                ReasonLine),
            EventTypes.Shipped => new Template(
                "Your order {0} has shipped",
                "Good news: your order is on its way.",
                TrackingLine),
            EventTypes.Delivered => new Template(
                "Your order {0} has been delivered",
                "Your order has been delivered. We hope you enjoy it.",
                TrackingLine),
            EventTypes.Cancelled => new Template(
                "Your order {0} is cancelled",
                "Your order has been cancelled. Any payment taken for it is refunded to your card.",
                ReasonLine),
            _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, $"No email template for the event '{eventType}'."),
        };
        return template.Render(model);
    }

    private static string? ReasonLine(OrderEmailModel m) => string.IsNullOrWhiteSpace(m.Reason) ? null : $"Reason: {m.Reason}";

    private static string? TrackingLine(OrderEmailModel m) => (m.Carrier, m.TrackingNumber) switch
    {
        (null or "", null or "") => null,
        (var carrier, null or "") => $"Carrier: {carrier}",
        (null or "", var tracking) => $"Tracking number: {tracking}",
        var (carrier, tracking) => $"Carrier: {carrier}, tracking number: {tracking}",
    };

    private static string Money(decimal amount, string currency) =>
        $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    private sealed record Template(string SubjectFormat, string Intro, Func<OrderEmailModel, string?>? Detail)
    {
        public RenderedEmail Render(OrderEmailModel m)
        {
            var subject = string.Format(CultureInfo.InvariantCulture, SubjectFormat, m.OrderNumber);
            var detail = Detail?.Invoke(m);
            var greeting = string.IsNullOrWhiteSpace(m.CustomerName) ? "Hello," : $"Hello {m.CustomerName},";

            var text = new StringBuilder()
                .AppendLine(greeting).AppendLine()
                .AppendLine(Intro);
            if (detail is not null)
            {
                text.AppendLine(detail);
            }

            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Order {m.OrderNumber}");
            foreach (var line in m.Lines)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {line.Quantity} x {line.Name} @ {Money(line.UnitPrice, m.Currency)} = {Money(line.LineTotal, m.Currency)}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"Total: {Money(m.Total, m.Currency)}");

            var html = new StringBuilder()
                .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(subject)).Append("</title></head>")
                .Append("<body style=\"font-family:sans-serif\">")
                .Append("<p>").Append(Encode(greeting)).Append("</p>")
                .Append("<p>").Append(Encode(Intro)).Append("</p>");
            if (detail is not null)
            {
                html.Append("<p>").Append(Encode(detail)).Append("</p>");
            }

            html.Append("<p>Order ").Append(Encode(m.OrderNumber)).Append("</p>")
                .Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">")
                .Append("<tr><th align=\"left\">Item</th><th align=\"right\">Quantity</th><th align=\"right\">Unit price</th><th align=\"right\">Total</th></tr>");
            foreach (var line in m.Lines)
            {
                html.Append("<tr><td>").Append(Encode(line.Name))
                    .Append("</td><td align=\"right\">").Append(Encode(line.Quantity.ToString(CultureInfo.InvariantCulture)))
                    .Append("</td><td align=\"right\">").Append(Encode(Money(line.UnitPrice, m.Currency)))
                    .Append("</td><td align=\"right\">").Append(Encode(Money(line.LineTotal, m.Currency)))
                    .Append("</td></tr>");
            }

            html.Append("<tr><td colspan=\"3\"><strong>Total</strong></td><td align=\"right\"><strong>")
                .Append(Encode(Money(m.Total, m.Currency))).Append("</strong></td></tr></table>")
                .Append("</body></html>");

            return new RenderedEmail(subject, html.ToString(), text.ToString());
        }
    }
}
