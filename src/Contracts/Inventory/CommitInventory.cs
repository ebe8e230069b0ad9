namespace Commerce.Contracts.Inventory;

/// <summary>Turn reserved stock into sold stock once the order is confirmed.</summary>
public record CommitInventory(Guid OrderId);
