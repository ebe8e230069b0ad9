using System.Text.Json;

namespace Commerce.Sandbox.Stripe;

/// <summary>Stripe's wire format: snake_case JSON. Stripe.net reads these objects as it reads Stripe's own.</summary>
internal static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
