namespace Commerce.Sandbox.Stripe;

internal enum ClaimOutcome
{
    /// <summary>First use of the key: the caller executes and then completes or releases it.</summary>
    Claimed,

    /// <summary>Same key, same request, already answered: replay the stored response.</summary>
    Replay,

    /// <summary>Same key, other parameters or endpoint: 400.</summary>
    Mismatch,

    /// <summary>Same key while the first request still runs: 409, which Stripe.net retries.</summary>
    InProgress,
}
