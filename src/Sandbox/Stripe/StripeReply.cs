namespace Commerce.Sandbox.Stripe;

/// <summary>What a Stripe operation answers: a status code and a Stripe-shaped body.</summary>
internal sealed record StripeReply(int StatusCode, object Body)
{
    /// <summary>
    /// Stripe saves the result of every request that began executing under its idempotency key —
    /// successes, card declines and its own 500s — but not one rejected by validation, which may
    /// be retried with the same key once corrected (docs.stripe.com/api/idempotent_requests).
    /// </summary>
    public bool IsStored => StatusCode is < 400 or StatusCodes.Status402PaymentRequired or >= 500;

    public static StripeReply Ok(object body) => new(StatusCodes.Status200OK, body);

    public static StripeReply Error(int statusCode, StripeErrorDetail error) => new(statusCode, new StripeErrorBody(error));

    public static StripeReply ApiError(int statusCode, string message) => Error(statusCode, new("api_error", message));

    public static StripeReply Invalid(string message, string? code = null, string? param = null) =>
        Error(StatusCodes.Status400BadRequest, new("invalid_request_error", message) { Code = code, Param = param });

    public static StripeReply Missing(string kind, string id, string param) =>
        Error(StatusCodes.Status404NotFound, new("invalid_request_error", $"No such {kind}: '{id}'") { Code = "resource_missing", Param = param });

    public static StripeReply UnexpectedState(string message) => Invalid(message, "payment_intent_unexpected_state");
}
