namespace Commerce.Api.Ordering;

internal sealed record CheckoutItem(Guid ProductId, int Quantity);
