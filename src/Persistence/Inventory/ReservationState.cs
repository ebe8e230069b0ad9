namespace Commerce.Persistence.Inventory;

public enum ReservationState
{
    Reserved = 0,
    Sold = 1,
    Released = 2,
}
