namespace Commerce.Workers.Payments;

public abstract record PaymentOutcome
{
    public sealed record Captured(string PaymentIntentId, long AmountMinor) : PaymentOutcome;

    public sealed record Declined(string Code, string Reason) : PaymentOutcome;
}
