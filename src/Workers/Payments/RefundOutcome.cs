namespace Commerce.Workers.Payments;

public sealed record RefundOutcome(string RefundId, long AmountMinor);
