namespace Commerce.Api.Storefront.Cart;

internal sealed record SetCartItemRequest(int? Quantity);
