namespace Commerce.Persistence.Orders;

/// <summary>The status names of the API contract. New intermediate values may be added; none may be renamed.</summary>
public static class OrderStatus
{
    public const string Submitted = nameof(Submitted);
    public const string AwaitingPayment = nameof(AwaitingPayment);
    public const string Confirmed = nameof(Confirmed);
    public const string Shipped = nameof(Shipped);
    public const string Delivered = nameof(Delivered);
    public const string Rejected = nameof(Rejected);
    public const string PaymentFailed = nameof(PaymentFailed);
    public const string Cancelled = nameof(Cancelled);

    /// <summary>Every status, in the order an order can meet them (the contract's list).</summary>
    public static readonly IReadOnlyList<string> All = [Submitted, AwaitingPayment, Confirmed, Shipped, Delivered, Rejected, PaymentFailed, Cancelled];

    public static readonly IReadOnlySet<string> Terminal = new HashSet<string>(StringComparer.Ordinal) { Delivered, Rejected, PaymentFailed, Cancelled };

    /// <summary>The ends that are not a delivery: their detail is the order's failure reason.</summary>
    public static readonly IReadOnlySet<string> Failed = new HashSet<string>(StringComparer.Ordinal) { Rejected, PaymentFailed, Cancelled };

    /// <summary>Past this point the parcel is on its way and the order can no longer be cancelled.</summary>
    public static bool CanBeCancelled(string status) => !Terminal.Contains(status) && status != Shipped;
}
