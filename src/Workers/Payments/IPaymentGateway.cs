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
