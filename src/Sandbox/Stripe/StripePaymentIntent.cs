using System.Text.Json.Serialization;

namespace Commerce.Sandbox.Stripe;

/// <summary>
/// A PaymentIntent as the API returns it, and also the ledger's state: immutable, replaced whole
/// under the ledger's lock. Only the fields Stripe.net needs for our flows are modelled.
/// </summary>
internal sealed record StripePaymentIntent
{
    private static readonly IReadOnlyList<string> CardOnly = ["card"];

    public required string Id { get; init; }

    public string Object { get; } = "payment_intent";

    public required long Amount { get; init; }

    public long AmountCapturable { get; init; }

    public long AmountReceived { get; init; }

    public required string Currency { get; init; }

    public required string Status { get; init; }

    public required string CaptureMethod { get; init; }

    public string ConfirmationMethod { get; } = "automatic";

    public string? PaymentMethod { get; init; }

    public IReadOnlyList<string> PaymentMethodTypes { get; } = CardOnly;

    public string? LatestCharge { get; init; }

    public StripeErrorDetail? LastPaymentError { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public string? Description { get; init; }

    public required long Created { get; init; }

    public long? CanceledAt { get; init; }

    public string? CancellationReason { get; init; }

    public required string ClientSecret { get; init; }

    public bool Livemode { get; }

    /// <summary>Kept on the charge by Stripe; here, for the refund checks and the test records.</summary>
    [JsonIgnore]
    public long AmountRefunded { get; init; }

    /// <summary>The key the PaymentIntent was created with, so tests can check which key a client used.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    [JsonIgnore]
    public string? OrderId => Metadata.GetValueOrDefault("order_id");
}
