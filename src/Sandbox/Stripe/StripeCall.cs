namespace Commerce.Sandbox.Stripe;

/// <summary>One Stripe request as an operation sees it.</summary>
internal sealed record StripeCall(string ApiKey, string? IdempotencyKey, StripeForm Form);
