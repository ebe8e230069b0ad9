namespace Commerce.Api.Ordering;

internal sealed record CheckoutAccepted(Guid OrderId, string Status, string StatusUrl);
