namespace Commerce.Persistence.Inventory;

/// <summary>
/// Stock held for one line of one order, and where it went: still reserved, sold when the order
/// was confirmed, or released back to available. The state makes release and commit idempotent.
/// </summary>
public class StockReservation
{
    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public int Quantity { get; set; }

    public ReservationState State { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
