using System.Net;
using Stripe;

namespace Commerce.Workers.Payments;

/// <summary>
/// A failed Stripe call as it leaves the Stripe.net call, inside the resilience pipeline: its status
/// code and Stripe's error, with a message of its own that names the status, error type and code but
/// never Stripe's message text, which is the provider's answer (reliability plan S12). Polly logs a
/// handled exception's message and stack, and MassTransit copies an exception's message, inner ones
/// included, into the dead-letter headers, so the <see cref="StripeException"/> goes no further; a
/// call that got no answer keeps the transport's exception, whose text is ours.
/// </summary>
public sealed class StripeAnswerException : Exception
{
    public StripeAnswerException(StripeException answer)
        : base(Describe(answer), answer?.HttpStatusCode == 0 ? answer.InnerException : null)
    {
        StatusCode = answer!.HttpStatusCode;
        Error = answer.StripeError;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Stripe's error: its type and code decide what the gateway does, its message becomes a decline's reason.</summary>
    public StripeError? Error { get; }

    /// <summary>Runs one Stripe.net call, turning what it throws into a <see cref="StripeAnswerException"/>.</summary>
    public static async Task<T> From<T>(Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call;
        }
        catch (StripeException e)
        {
            throw new StripeAnswerException(e);
        }
    }

    private static string Describe(StripeException? answer) => answer switch
    {
        null => "Stripe failed.",
        { HttpStatusCode: 0 } => "Stripe sent no answer.",
        _ => $"Stripe answered {(int)answer.HttpStatusCode} ({answer.StripeError?.Type ?? "no error type"}{(answer.StripeError?.Code is { } code ? $", {code}" : string.Empty)}).",
    };
}
