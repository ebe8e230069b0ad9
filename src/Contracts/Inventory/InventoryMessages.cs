namespace Commerce.Contracts.Inventory;

/// <summary>Reserve every line of the order, all or nothing.</summary>
public record ReserveInventory(Guid OrderId);

public record InventoryReserved(Guid OrderId);

public record InventoryReservationFailed(Guid OrderId, string Reason);

/// <summary>Give reserved stock back (compensation).</summary>
public record ReleaseInventory(Guid OrderId);

/// <summary>Turn reserved stock into sold stock once the order is confirmed.</summary>
public record CommitInventory(Guid OrderId);
