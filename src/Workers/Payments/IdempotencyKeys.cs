namespace Commerce.Workers.Payments;

/// <summary>
/// The idempotency keys of an order's payment operations: one per order and operation
/// (reliability plan test 8: <c>order_id:charge</c>, test 9: <c>order_id:refund</c>), saved with the
/// order before the first call so every retry, however late and from whichever worker, reuses it.
/// </summary>
public static class IdempotencyKeys
{
    public static string Charge(Guid orderId) => $"{orderId:D}:charge";

    public static string Refund(Guid orderId) => $"{orderId:D}:refund";
}
