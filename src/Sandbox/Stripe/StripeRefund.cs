using System.Text.Json.Serialization;

namespace Commerce.Sandbox.Stripe;

/// <summary>A Refund as the API returns it.</summary>
internal sealed record StripeRefund
{
    public required string Id { get; init; }

    public string Object { get; } = "refund";

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Status { get; init; }

    public required string PaymentIntent { get; init; }

    public string? Charge { get; init; }

    public string? Reason { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public required long Created { get; init; }

    /// <summary>The refund's own <c>metadata[order_id]</c>, else its PaymentIntent's.</summary>
    [JsonIgnore]
    public string? OrderId { get; init; }

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }
}
