using Commerce.Workers.Integrations;

namespace Commerce.Workers.Payments;

/// <summary>
/// Takes and refunds payments. Implemented on Stripe.net (<c>StripePaymentGateway</c>). A decline
/// is an answer (<see cref="PaymentOutcome.Declined"/>); a provider that cannot be reached throws
/// <see cref="PaymentProviderUnavailableException"/> so the caller retries later.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Charges at most once per <see cref="ChargeRequest.IdempotencyKey"/>, however often it is called.</summary>
    Task<PaymentOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}

public sealed record ChargeRequest(Guid OrderId, long AmountMinor, string Currency, string PaymentMethod, string IdempotencyKey);

public sealed record RefundRequest(Guid OrderId, string PaymentIntentId, long AmountMinor, string IdempotencyKey);

public abstract record PaymentOutcome
{
    public sealed record Captured(string PaymentIntentId, long AmountMinor) : PaymentOutcome;

    public sealed record Declined(string Code, string Reason) : PaymentOutcome;
}

public sealed record RefundOutcome(string RefundId, long AmountMinor);

/// <summary>The provider did not answer or answered with a server error: worth retrying later.</summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? inner = null) : ProviderUnavailableException(message, inner);
