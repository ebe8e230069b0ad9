using System.Collections.Frozen;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// Stripe's test PaymentMethods (docs.stripe.com/testing) that the sandbox honours: the three the
/// API spec names, plus the other common card brands so a client can try them. Anything else is
/// unknown, as an unknown <c>pm_…</c> id is to Stripe.
/// </summary>
internal static class TestPaymentMethods
{
    private static readonly FrozenDictionary<string, Decline?> Cards = new Dictionary<string, Decline?>(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = null,
        ["pm_card_visa_debit"] = null,
        ["pm_card_mastercard"] = null,
        ["pm_card_amex"] = null,
        ["pm_card_chargeDeclined"] = new("generic_decline", "Your card was declined."),
        ["pm_card_chargeDeclinedInsufficientFunds"] = new("insufficient_funds", "Your card has insufficient funds."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string paymentMethod) => Cards.ContainsKey(paymentMethod);

    /// <summary>The decline a charge on this card meets, or null when it is approved.</summary>
    public static Decline? DeclineFor(string paymentMethod) => Cards.GetValueOrDefault(paymentMethod);

    internal sealed record Decline(string DeclineCode, string Message);
}
