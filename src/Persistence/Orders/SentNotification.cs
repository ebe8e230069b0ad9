namespace Commerce.Persistence.Orders;

/// <summary>One row per email sent: the key (order, event type) keeps it to one email each.</summary>
public class SentNotification
{
    public Guid OrderId { get; set; }

    public required string EventType { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
