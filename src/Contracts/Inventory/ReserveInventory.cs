namespace Commerce.Contracts.Inventory;

/// <summary>Reserve every line of the order, all or nothing.</summary>
public record ReserveInventory(Guid OrderId);
