namespace Commerce.Contracts.Inventory;

public record InventoryReservationFailed(Guid OrderId, string Reason);
