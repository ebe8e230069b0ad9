namespace Commerce.Workers.Notifications;

/// <summary>What an order email shows. Money is in major units with <see cref="Currency"/> (ISO code).</summary>
public sealed record OrderEmailModel(
    Guid OrderId,
    string CustomerName,
    IReadOnlyList<OrderEmailLine> Lines,
    decimal Total,
    string Currency,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? Reason = null);
