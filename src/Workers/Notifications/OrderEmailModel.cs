namespace Commerce.Workers.Notifications;

/// <summary>
/// What an order email shows. <see cref="OrderNumber"/> is the customer's reference (<c>CM-100000001</c>);
/// money is in major units with <see cref="Currency"/> (ISO code).
/// </summary>
public sealed record OrderEmailModel(
    string OrderNumber,
    string CustomerName,
    IReadOnlyList<OrderEmailLine> Lines,
    decimal Total,
    string Currency,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? Reason = null);
