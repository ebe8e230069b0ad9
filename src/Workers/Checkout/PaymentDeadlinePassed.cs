namespace Commerce.Workers.Checkout;

/// <summary>The saga's own timeout message: the payment was not taken in time.</summary>
public record PaymentDeadlinePassed(Guid OrderId);
