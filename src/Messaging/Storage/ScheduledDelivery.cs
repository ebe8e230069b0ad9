namespace Commerce.Messaging.Storage;

/// <summary>A message to send at <see cref="DeliverAt"/>, keyed by MassTransit's scheduling token.</summary>
public class ScheduledDelivery : StoredMessage
{
    public Guid TokenId { get; set; }

    public DateTime DeliverAt { get; set; }

    public DateTime Created { get; set; }

    public int DeliveryAttempts { get; set; }
}
