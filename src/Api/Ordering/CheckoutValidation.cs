using System.Text.RegularExpressions;

namespace Commerce.Api.Ordering;

internal static partial class CheckoutValidation
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 99;
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>Field-keyed errors, as problem+json's <c>errors</c> expects; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(CheckoutRequest request, string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxIdempotencyKeyLength || HasControlCharacters(idempotencyKey))
        {
            Add("Idempotency-Key", $"The Idempotency-Key header is required (at most {MaxIdempotencyKeyLength} characters).");
        }

        if (request.Items is { } items)
        {
            if (items.Count is 0 or > MaxLines)
            {
                Add("items", $"Between 1 and {MaxLines} lines, or leave items out to check out the cart.");
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].ProductId == Guid.Empty)
                {
                    Add($"items[{i}].productId", "Required.");
                }

                if (items[i].Quantity is < 1 or > MaxQuantity)
                {
                    Add($"items[{i}].quantity", $"Between 1 and {MaxQuantity}.");
                }
            }
        }

        if (request.PaymentMethod is null || !StripePaymentMethodId().IsMatch(request.PaymentMethod))
        {
            Add("paymentMethod", "A Stripe PaymentMethod id: pm_ and letters, digits or underscores, at most 100 characters in all (such as pm_card_visa).");
        }

        if (request.ShippingAddress is not { } a)
        {
            Add("shippingAddress", "Required.");
        }
        else
        {
            Required(a.Name, "shippingAddress.name");
            Required(a.Line1, "shippingAddress.line1");
            if (a.Line2 is { } line2 && (line2.Length > 200 || HasControlCharacters(line2)))
            {
                Add("shippingAddress.line2", "At most 200 characters, no control characters.");
            }

            Required(a.City, "shippingAddress.city");
            Required(a.PostalCode, "shippingAddress.postalCode");
            if (a.Country is not { Length: 2 } || !a.Country.All(char.IsAsciiLetterUpper))
            {
                Add("shippingAddress.country", "A two-letter ISO country code such as US.");
            }
        }

        return errors;

        void Required(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || HasControlCharacters(value))
            {
                Add(field, "Required (at most 200 characters, no control characters).");
            }
        }
    }

    // Stripe's PaymentMethod ids (pm_1N…, and its test values such as pm_card_chargeDeclined): anything
    // else is refused by Stripe as a missing resource, after the order was accepted (docs/adr/0037).
    [GeneratedRegex(@"^pm_[A-Za-z0-9_]{1,97}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StripePaymentMethodId();

    // PostgreSQL stores no NUL in text or jsonb: let through, it would fail the insert as a 503
    // "try again" for a request that can never succeed. Other control characters have no place
    // in an address or a key either.
    private static bool HasControlCharacters(string value) => value.Any(char.IsControl);
}
