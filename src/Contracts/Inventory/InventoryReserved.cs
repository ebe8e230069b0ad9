namespace Commerce.Contracts.Inventory;

public record InventoryReserved(Guid OrderId);
