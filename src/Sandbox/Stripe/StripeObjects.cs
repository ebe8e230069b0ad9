using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Sandbox.Stripe;

/// <summary>Stripe's wire format: snake_case JSON. Stripe.net reads these objects as it reads Stripe's own.</summary>
internal static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}

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

/// <summary>Stripe's error envelope: <c>{"error": {...}}</c>, which Stripe.net turns into a <c>StripeException</c>.</summary>
internal sealed record StripeErrorBody(StripeErrorDetail Error);

internal sealed record StripeErrorDetail(string Type, string Message)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeclineCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Param { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Charge { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StripePaymentIntent? PaymentIntent { get; init; }
}
