namespace Commerce.Api.Ordering;

internal sealed record CheckoutAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);
