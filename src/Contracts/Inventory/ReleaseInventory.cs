namespace Commerce.Contracts.Inventory;

/// <summary>Give reserved stock back (compensation).</summary>
public record ReleaseInventory(Guid OrderId);
