namespace Commerce.Sandbox.SendGrid;

/// <summary>
/// The mail page's filters: an order's id, its order number (<c>CM-100000001</c>, or just the
/// digits), or both; either may be null. Case and surrounding spaces do not matter.
/// </summary>
internal sealed record MailQuery(string? OrderId, string? OrderNumber)
{
    public static MailQuery From(string? orderId, string? orderNumber) => new(Normalise(orderId), Normalise(orderNumber));

    public bool IsEmpty => OrderId is null && OrderNumber is null;

    public bool Matches(SentMail mail) =>
        (OrderId is null || string.Equals(mail.OrderId, OrderId, StringComparison.OrdinalIgnoreCase))
        && (OrderNumber is null || IsOrderNumber(mail.OrderNumber));

    private bool IsOrderNumber(string? number) =>
        number is not null
        && (string.Equals(number, OrderNumber, StringComparison.OrdinalIgnoreCase)
            || number.EndsWith("-" + OrderNumber, StringComparison.OrdinalIgnoreCase));

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
