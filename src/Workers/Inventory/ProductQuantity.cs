namespace Commerce.Workers.Inventory;

/// <summary>How much of one product an order asks for, over all its lines.</summary>
internal sealed record ProductQuantity(Guid ProductId, int Quantity, string Name);
