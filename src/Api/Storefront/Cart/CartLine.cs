namespace Commerce.Api.Storefront.Cart;

internal sealed record CartLine(Guid ProductId, int Quantity);
