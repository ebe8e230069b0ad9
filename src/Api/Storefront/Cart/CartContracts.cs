namespace Commerce.Api.Storefront.Cart;

internal sealed record CartItemResponse(Guid ProductId, string Name, int Quantity, decimal UnitPrice, decimal LineTotal);

internal sealed record CartResponse(IReadOnlyList<CartItemResponse> Items, decimal Total, string Currency);

internal sealed record SetCartItemRequest(int? Quantity);
