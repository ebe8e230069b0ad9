namespace Commerce.Persistence.Orders;

public class OrderTimelineEntry
{
    public Guid OrderId { get; set; }

    public int Version { get; set; }

    public required string Status { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; set; }
}
