namespace Commerce.Sandbox.Stripe;

/// <summary>Thrown by form parsing so operations read straight; the gateway turns it into its 400.</summary>
#pragma warning disable CA1064 // never leaves the sandbox: the gateway catches it
internal sealed class InvalidStripeRequestException(StripeReply reply) : Exception(reply.ToString())
#pragma warning restore CA1064
{
    public StripeReply Reply { get; } = reply;
}
