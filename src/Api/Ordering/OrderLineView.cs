namespace Commerce.Api.Ordering;

internal sealed record OrderLineView(Guid ProductId, string Name, int Quantity, decimal UnitPrice, decimal LineTotal);
