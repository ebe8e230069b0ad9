namespace Commerce.Sandbox.Stripe;

/// <summary>A response as stored under an idempotency key and replayed byte for byte.</summary>
internal sealed record StoredResponse(int StatusCode, string Json);
