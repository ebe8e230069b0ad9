namespace Commerce.Api.Ordering;

/// <summary>The body of <c>POST /api/v1/checkout</c>. Prices never come from the client.</summary>
internal sealed record CheckoutRequest(
    IReadOnlyList<CheckoutItem>? Items,
    string PaymentMethod,
    CheckoutAddress ShippingAddress);
