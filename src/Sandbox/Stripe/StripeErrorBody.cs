namespace Commerce.Sandbox.Stripe;

/// <summary>Stripe's error envelope: <c>{"error": {...}}</c>, which Stripe.net turns into a <c>StripeException</c>.</summary>
internal sealed record StripeErrorBody(StripeErrorDetail Error);
