using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Commerce.Persistence.Orders;

/// <summary>
/// The human order number: <c>CM-</c> and the order's <see cref="Order.Number"/>, which PostgreSQL's
/// <see cref="Sequence"/> assigns in the INSERT that creates the order (docs/adr/0037). The sequence
/// starts at <see cref="First"/>, so every number has nine digits for the first 900 million orders.
/// </summary>
public static class OrderNumbers
{
    public const string Sequence = "order_numbers";

    public const long First = 100_000_001;

    public const string Prefix = "CM-";

    public static string Format(long number) => Prefix + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>CM-100000001</c> or just <c>100000001</c> (any case, surrounding spaces ignored).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out long number)
    {
        var digits = text?.Trim() ?? "";
        if (digits.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[Prefix.Length..];
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
