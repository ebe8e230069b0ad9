using System.ComponentModel.DataAnnotations;

namespace Commerce.Workers.Checkout;

/// <summary>Timing of the checkout saga. Bound from <c>Checkout</c>.</summary>
public sealed class CheckoutOptions
{
    public const string SectionName = "Checkout";

    /// <summary>How long after the stock is reserved the payment may take before the order fails and the stock is released.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "1.00:00:00")]
    public TimeSpan PaymentDeadline { get; set; } = TimeSpan.FromMinutes(5);
}
