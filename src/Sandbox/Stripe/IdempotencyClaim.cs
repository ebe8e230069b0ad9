namespace Commerce.Sandbox.Stripe;

internal readonly record struct IdempotencyClaim(ClaimOutcome Outcome, StoredResponse? Stored = null);
