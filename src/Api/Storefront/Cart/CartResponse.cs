namespace Commerce.Api.Storefront.Cart;

internal sealed record CartResponse(IReadOnlyList<CartItemResponse> Items, decimal Total, string Currency);
