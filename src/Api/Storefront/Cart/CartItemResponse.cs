namespace Commerce.Api.Storefront.Cart;

internal sealed record CartItemResponse(Guid ProductId, string Name, int Quantity, decimal UnitPrice, decimal LineTotal);
